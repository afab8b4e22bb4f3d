"""The peer kfjobs is measured against: what a Keyfactor user writes today with Keyfactor's official
Python SDK for Command 11 (keyfactor-command-sdk, module command_v11_client) to run FetchLogs on every
orchestrator a query matches, with a thread pool.

It uses the SDK as its own `keyfactor.py` module does (an AuthenticatedClient with the "Basic" prefix
and a base64 user:password token; that module itself is not imported because it reads its settings
at import time), the generated API modules for GET /Agents (paged) and POST /OrchestratorJobs/Custom,
and the SDK's request and schedule models.

Prints one JSON line: jobs created, failures, the submission phase's wall time and CPU time (user +
system of this process, all threads, from just before the pool starts to after its last answer).
"""

import argparse
import base64
import json
import resource
import sys
import time
from concurrent.futures import ThreadPoolExecutor

import httpx
from command_v11_client.client import AuthenticatedClient
from command_v11_client.api.agent import get_agents
from command_v11_client.api.orchestrator_job import post_orchestrator_jobs_custom
from command_v11_client.models.csscms_data_model_models_orchestrator_jobs_schedule_job_request import (
    CSSCMSDataModelModelsOrchestratorJobsScheduleJobRequest as ScheduleJobRequest,
)
from command_v11_client.models.keyfactor_common_scheduling_keyfactor_schedule import (
    KeyfactorCommonSchedulingKeyfactorSchedule as Schedule,
)


def cpu_seconds():
    usage = resource.getrusage(resource.RUSAGE_SELF)
    return usage.ru_utime + usage.ru_stime


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--url", required=True, help="base URL with the API path")
    parser.add_argument("--username", required=True)
    parser.add_argument("--password", required=True)
    parser.add_argument("--query", required=True, help="the agents' QueryString")
    parser.add_argument("--concurrency", type=int, required=True, help="thread pool size")
    parser.add_argument("--page-size", type=int, default=100)
    parser.add_argument("--keep-alive", action="store_true",
                        help="keep as many connections alive as there are threads (httpx keeps 20 by default)")
    args = parser.parse_args()

    token = base64.b64encode(f"{args.username}:{args.password}".encode("utf-8")).decode("utf-8")
    httpx_args = {}
    if args.keep_alive:
        httpx_args["limits"] = httpx.Limits(max_connections=max(100, args.concurrency),
                                            max_keepalive_connections=args.concurrency)
    client = AuthenticatedClient(base_url=args.url, prefix="Basic", token=token, verify_ssl=True,
                                 httpx_args=httpx_args)

    # The orchestrators, page by page until a short page, as the SDK's users page.
    agents = []
    page = 1
    while True:
        rows = get_agents.sync(client=client, query_string=args.query, page_returned=page,
                               return_limit=args.page_size)
        if rows is None:
            sys.exit("GET /Agents failed")
        agents.extend(agent.agent_id for agent in rows)
        if len(rows) < args.page_size:
            break
        page += 1

    def submit(agent_id):
        request = ScheduleJobRequest(agent_id=agent_id, job_type_name="FetchLogs",
                                     schedule=Schedule(immediate=True))
        try:
            response = post_orchestrator_jobs_custom.sync_detailed(client=client, json_body=request)
        except Exception as error:  # what a careful user's loop does: count it and go on
            return f"{type(error).__name__}: {error}"
        if response.status_code != 200 or response.parsed is None or not response.parsed.job_id:
            return f"HTTP {int(response.status_code)}: {response.content[:200]!r}"
        return None

    cpu_before = cpu_seconds()
    started = time.perf_counter()
    with ThreadPoolExecutor(max_workers=args.concurrency) as pool:
        outcomes = list(pool.map(submit, agents))
    seconds = time.perf_counter() - started
    cpu = cpu_seconds() - cpu_before

    failures = [outcome for outcome in outcomes if outcome is not None]
    account = f"{len(agents)} agents listed, {len(failures)} requests failed"
    if failures:
        account += f" (first: {failures[0]})"
    print(json.dumps({
        "agents": len(agents), "created": len(agents) - len(failures), "failures": len(failures),
        "account": account, "seconds": seconds, "cpuSeconds": cpu,
    }))


if __name__ == "__main__":
    main()
