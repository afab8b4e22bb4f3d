"""Loads a YAML file with one of PyYAML's libyaml-backed loaders, as a Python tool would
(yaml.load(f, Loader=...)), and prints the node count and the wall and CPU time of the load itself.

Usage: python3 bench/yaml-load/pyyaml-load.py CSafeLoader|CBaseLoader FILE
"""

import sys
import time

import yaml


def count_nodes(data):
    count, pending = 0, [data]
    while pending:
        node = pending.pop()
        count += 1
        if isinstance(node, dict):
            for key, value in node.items():
                pending.append(key)
                pending.append(value)
        elif isinstance(node, list):
            pending.extend(node)
    return count


def main():
    loader_name, path = sys.argv[1], sys.argv[2]
    if not yaml.__with_libyaml__:
        sys.exit("this PyYAML was built without libyaml")
    loader = getattr(yaml, loader_name)
    started, cpu_started = time.perf_counter(), time.process_time()
    with open(path, "rb") as stream:
        data = yaml.load(stream, Loader=loader)
    seconds, cpu = time.perf_counter() - started, time.process_time() - cpu_started
    print(f"{path}: {count_nodes(data)} nodes, load {seconds:.6f} s, cpu {cpu:.6f} s (PyYAML {yaml.__version__}, {loader_name})")


if __name__ == "__main__":
    main()
