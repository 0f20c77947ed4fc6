"""Runs the helper functions of docs/deploy/airflow/paygen_daily.py without Airflow.

The airflow and kubernetes modules are replaced by stubs that accept any use, so the DAG
file imports and builds its (fake) DAG; then one helper runs and prints JSON on stdout:

    dag_helpers.py DAG_FILE args DS ROWS SHARDS BUCKET PREFIX   -> [[arg, ...], ...] one list per shard
    dag_helpers.py DAG_FILE check ROWS SHARDS GOT_ROWS GOT_FILES -> {"ok": true} or {"ok": false, "error": "..."}
    dag_helpers.py DAG_FILE query                                -> the Athena query template, as text

tests/deploy_test.go calls it.
"""

import importlib.abc
import importlib.machinery
import importlib.util
import json
import sys
import types


class Stub:
    """Stands for any Airflow or Kubernetes object: callable, subscriptable, chainable."""

    def __init__(self, *args, **kwargs):
        pass

    def __call__(self, *args, **kwargs):
        return Stub()

    def __getattr__(self, name):
        return Stub()

    def __enter__(self):
        return self

    def __exit__(self, *exc):
        return False

    def __rshift__(self, other):
        return other

    def __rrshift__(self, other):
        return self


class StubModule(types.ModuleType):
    def __getattr__(self, name):
        if name.startswith("__"):
            raise AttributeError(name)
        if name.endswith(("Exception", "Error")):
            return type(name, (Exception,), {})
        return Stub()


class StubFinder(importlib.abc.MetaPathFinder, importlib.abc.Loader):
    roots = ("airflow", "kubernetes")

    def find_spec(self, name, path, target=None):
        if name.split(".")[0] in self.roots:
            return importlib.machinery.ModuleSpec(name, self, is_package=True)
        return None

    def create_module(self, spec):
        return StubModule(spec.name)

    def exec_module(self, module):
        module.__path__ = []


def load(path):
    sys.meta_path.insert(0, StubFinder())
    spec = importlib.util.spec_from_file_location("paygen_daily", path)
    mod = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(mod)
    return mod


def main(argv):
    dag = load(argv[1])
    if argv[2] == "args":
        ds, rows, shards, bucket, prefix = argv[3], int(argv[4]), int(argv[5]), argv[6], argv[7]
        out = [dag.generate_arguments(ds, rows, i, shards, bucket, prefix) for i in range(1, shards + 1)]
    elif argv[2] == "check":
        rows, shards, got_rows, got_files = argv[3:7]
        result = {"ResultSet": {"Rows": [
            {"Data": [{"VarCharValue": "row_count"}, {"VarCharValue": "file_count"}]},
            {"Data": [{"VarCharValue": got_rows}, {"VarCharValue": got_files}]},
        ]}}
        try:
            dag.check_counts(result, int(rows), int(shards))
            out = {"ok": True}
        except ValueError as err:
            out = {"ok": False, "error": str(err)}
    elif argv[2] == "query":
        sys.stdout.write(dag.COUNT_QUERY)
        return
    else:
        raise SystemExit("unknown helper " + argv[2])
    json.dump(out, sys.stdout)


if __name__ == "__main__":
    main(sys.argv)
