"""Writes a large, realistic kfjobs manifest: many jobs in the shapes the examples use (queries with
guards, matrices with excludes, every schedule form, templated and sensitive fields, comments, block
and flow collections, plain, quoted and literal scalars), some with long field maps, until the file
reaches the size asked for. Deterministic: the same size gives the same bytes.

Usage: python3 bench/yaml-load/manifest.py MEGABYTES OUT
"""

import sys

HEAD = """\
# yaml-language-server: $schema=../schemas/kfjobs-manifest.schema.json
# A fleet-wide maintenance manifest, generated for the YAML loading benchmark.
apiVersion: kfjobs/v1
kind: JobManifest
metadata:
  name: fleet-maintenance
  description: Every maintenance job of the estate, site by site
vars:
  ticket: CHG-1234
  owner: "platform-team@example.com"
defaults:
  schedule: immediate
  fields:
    IncludeExpired: false
jobs:
"""

SCHEDULES = [
    "immediate",
    "{interval: 90m}",
    '{daily: {at: "02:30"}}',
    '{weekly: {days: [mon, thu], at: "03:15+02:00"}}',
    '{monthly: {day: 1, at: "04:00Z"}}',
]


def job(index):
    site = ["eu", "us", "ap"][index % 3]
    kind = index % 4
    out = [f"  # job {index}: {['refresh', 'rotate', 'purge', 'logs'][kind]} on {site}\n",
           f"  - name: job-{index:06d}\n"]
    if kind == 0:
        out.append("    jobType: RefreshInventory\n")
        out.append("    agents:\n")
        out.append(f"      query: 'Status -eq 2 AND ClientMachine -startswith \"{site}-${{matrix.tier}}-\"'\n")
        out.append("      expect: {min: 1, max: 500}\n      lastSeenWithin: 24h\n")
        out.append("    matrix:\n      tier: [web, app, db]\n      depth: [\"1\", \"3\"]\n")
        out.append("    exclude:\n      - {tier: db, depth: \"3\"}\n")
        out.append(f"    schedule: {SCHEDULES[index % len(SCHEDULES)]}\n")
        out.append("    fields:\n      Target: \"${agent.ClientMachine}\"\n      Depth: \"${matrix.depth}\"\n")
    elif kind == 1:
        out.append("    jobType: RotateSSHKeys\n")
        out.append("    agents:\n      clientMachines:\n")
        for n in range(1, 6):
            out.append(f"        - {site}-bastion-{(index + n) % 100:02d}\n")
        out.append(f"    schedule: {{once: \"2030-{1 + index % 12:02d}-{1 + index % 28:02d}T02:30:00Z\"}}\n")
        out.append("    fields:\n")
        out.append("      KeyBits: 4096\n")
        out.append(f"      Comment: \"${{vars.ticket}}: ${{manifest.name}}/${{job.name}} on ${{agent.ClientMachine}}\"\n")
        out.append("      NotAfter: 2031-01-01T00:00:00Z\n")
    elif kind == 2:
        # A long field map, as custom job types with many parameters have.
        out.append("    jobType: PurgeTempFiles\n")
        out.append(f"    agents: {{query: 'Status -eq 2 AND ClientMachine -contains \"-{index % 97:02d}\"', expect: {{max: 2000}}}}\n")
        out.append(f"    schedule: {SCHEDULES[(index + 2) % len(SCHEDULES)]}\n")
        out.append("    fields:\n")
        for n in range(24):
            if n % 6 == 5:
                out.append(f"      Script{n:02d}: |\n        #!/bin/sh\n        find /var/tmp/app{n} -mtime +{n} -delete\n        echo purged {index}\n")
            elif n % 6 == 4:
                out.append(f"      Path{n:02d}: '/var/lib/app-{n}/cache/{site}/${{agent.AgentId}}'\n")
            else:
                out.append(f"      Option{n:02d}: \"value-{index}-{n} for ${{agent.ClientMachine}} (${{vars.owner}})\"\n")
        out.append("      ApiToken: \"${env.PURGE_TOKEN}\"\n")
        out.append("    sensitive: [ApiToken, Option00]\n")
    else:
        out.append("    jobType: FetchLogs\n")
        out.append("    agents:\n")
        out.append(f"      query: 'Status -eq 2 AND Capabilities -contains \"LOGS\" AND ClientMachine -startswith \"{site}-\"'\n")
        out.append("      expect: {min: 1}\n")
    return "".join(out)


def main():
    megabytes, path = float(sys.argv[1]), sys.argv[2]
    target = int(megabytes * 1024 * 1024)
    parts, size, index = [HEAD], len(HEAD), 0
    while size < target:
        text = job(index)
        parts.append(text)
        size += len(text.encode())
        index += 1
    with open(path, "w", encoding="utf-8") as out:
        out.write("".join(parts))
    print(f"{path}: {size} bytes, {index} jobs")


if __name__ == "__main__":
    main()
