"""Runs one Python block of the spec verbatim, then optional checks in the same namespace.

    python3 spec_block_runner.py BLOCK_FILE [CHECK_FILE] [--boto3-endpoint]

The block is compiled and run as written, as a script's __main__ would be; a failure exits
with its traceback like `python3 BLOCK_FILE` would. --boto3-endpoint first teaches Debian 12's
boto3 (1.26, older than botocore 1.31's AWS_ENDPOINT_URL_<SERVICE> support) to honour
AWS_ENDPOINT_URL_DYNAMODB, as current boto3 does, so the spec's boto3 block reaches DynamoDB Local.
"""

import os
import sys


def honour_dynamodb_endpoint_variable():
    import botocore.session

    endpoint = os.environ["AWS_ENDPOINT_URL_DYNAMODB"]
    create_client = botocore.session.Session.create_client

    def create_client_with_endpoint(self, service_name, *args, **kwargs):
        if service_name == "dynamodb" and kwargs.get("endpoint_url") is None:
            kwargs["endpoint_url"] = endpoint
        return create_client(self, service_name, *args, **kwargs)

    botocore.session.Session.create_client = create_client_with_endpoint


def main(argv):
    paths = [arg for arg in argv if not arg.startswith("--")]
    if "--boto3-endpoint" in argv:
        honour_dynamodb_endpoint_variable()
    namespace = {"__name__": "__main__"}
    with open(paths[0], encoding="utf-8") as block:
        exec(compile(block.read(), paths[0], "exec"), namespace)
    if len(paths) > 1:
        with open(paths[1], encoding="utf-8") as check:
            exec(compile(check.read(), paths[1], "exec"), namespace)
        print("CHECKS PASSED")


if __name__ == "__main__":
    main(sys.argv[1:])
