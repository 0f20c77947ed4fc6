"""paygen_daily: one synthetic payments dataset per day, generated in N parallel shards
straight to S3, then checked through Athena.

For the logical date ds, shard task i of N runs in the paygen image

    paygen generate --rows ROWS --date ds --shard i/N --to s3://BUCKET/PREFIX --validate --overwrite --quiet

which validates its rows against the data contract before anything is published and writes
s3://BUCKET/PREFIX/year=YYYY/month=MM/payments_<rows>_<YYYYMMDD>.shard-i-of-N.parquet (plus the
_...manifest.json beside it; Athena ignores "_" files). Shards are disjoint, contiguous block
ranges of one deterministic dataset: a retried shard rewrites the same bytes, hence --overwrite.
The last task counts, through Athena, the rows of that date's N shard files in the year/month
partition (partition projection: no MSCK REPAIR) and fails unless they are ROWS rows in N files.

Airflow Variables (no secrets here: S3 access comes from the pod's Kubernetes service account,
e.g. IRSA, and Athena access from the Airflow connection AWS_CONN_ID):
    paygen_image            image built by `make docker` and pushed, e.g. <registry>/paygen:0.1.0
    paygen_bucket           S3 bucket of the table
    paygen_prefix           key prefix of the table (default "payments")
    paygen_rows             rows per day, an integer (default 1000000)
    paygen_shards           N, parallel shard tasks (default 4; at most ceil(rows / 65536))
    paygen_athena_database  database of the payments table (created from `make athena-ddl`)
    paygen_athena_output    s3:// location for Athena query results
See docs/operations.md. Tested here only by compiling it and by running its helper functions
against the paygen binary (tests/deploy_test.go); it has not run on a real Airflow.
"""

from __future__ import annotations

from datetime import datetime, timedelta, timezone

try:  # Airflow 3
    from airflow.sdk import DAG, Variable, task
except ImportError:  # Airflow 2.7+
    from airflow import DAG
    from airflow.decorators import task
    from airflow.models import Variable
from airflow.exceptions import AirflowFailException
from airflow.providers.amazon.aws.hooks.athena import AthenaHook
from airflow.providers.amazon.aws.operators.athena import AthenaOperator
from airflow.providers.cncf.kubernetes.operators.pod import KubernetesPodOperator
from kubernetes.client import models as k8s

AWS_CONN_ID = "aws_default"
NAMESPACE = "data"
SERVICE_ACCOUNT = "paygen"  # bound to an IAM role that may write s3://BUCKET/PREFIX/*
TABLE = "payments"  # generated.Table; the DDL is generated/athena_gen.sql

DEFAULTS = {"prefix": "payments", "rows": "1000000", "shards": "4"}


def settings() -> dict:
    """The paygen_* Variables, read when a task runs (never at DAG parse time). The default
    is passed by position: Airflow 2 names it default_var, Airflow 3 default."""
    return {
        "bucket": Variable.get("paygen_bucket"),
        "prefix": Variable.get("paygen_prefix", DEFAULTS["prefix"]),
        "rows": int(Variable.get("paygen_rows", DEFAULTS["rows"])),
        "shards": int(Variable.get("paygen_shards", DEFAULTS["shards"])),
    }


def generate_arguments(ds: str, rows: int, shard: int, shards: int, bucket: str, prefix: str) -> list[str]:
    """The paygen arguments of shard `shard` (1-based) of `shards` for date ds (YYYY-MM-DD)."""
    return [
        "generate",
        "--rows", str(rows),
        "--date", ds,
        "--shard", f"{shard}/{shards}",
        "--to", f"s3://{bucket}/{prefix.strip('/')}",
        "--validate",
        "--overwrite",  # a retry rewrites the same bytes: shards are deterministic
        "--quiet",
    ]


def check_counts(result: dict, rows: int, shards: int) -> None:
    """Raises ValueError unless an Athena GetQueryResults answer to COUNT_QUERY says
    `rows` rows in `shards` files."""
    data = result["ResultSet"]["Rows"][1]["Data"]  # row 0 is the header
    got_rows, got_files = int(data[0]["VarCharValue"]), int(data[1]["VarCharValue"])
    if (got_rows, got_files) != (rows, shards):
        raise ValueError(f"Athena sees {got_rows} rows in {got_files} files, want {rows} rows in {shards} files")


# Rows and files of the logical date's shards, in that date's partition only (partition
# pruning on year/month; "$path" picks this date's N shard files among the month's).
COUNT_QUERY = """
SELECT COUNT(*) AS row_count, COUNT(DISTINCT "$path") AS file_count
FROM {{ params.table }}
WHERE year = '{{ ds[:4] }}' AND month = '{{ ds[5:7] }}'
  AND regexp_like("$path", '_{{ ds_nodash }}\\.shard-[0-9]+-of-{{ var.value.get("paygen_shards", "4") }}\\.parquet$')
"""

with DAG(
    dag_id="paygen_daily",
    description="Synthetic card payments: N shards to S3, then an Athena row count",
    schedule="@daily",
    start_date=datetime(2025, 1, 1, tzinfo=timezone.utc),
    catchup=False,
    max_active_runs=1,
    default_args={
        "owner": "data-platform",
        "retries": 2,
        "retry_delay": timedelta(minutes=2),
        "retry_exponential_backoff": True,
        "max_retry_delay": timedelta(minutes=20),
    },
    tags=["paygen"],
) as dag:

    @task
    def shard_arguments(**context) -> list[list[str]]:
        s = settings()
        return [
            generate_arguments(context["ds"], s["rows"], i, s["shards"], s["bucket"], s["prefix"])
            for i in range(1, s["shards"] + 1)
        ]

    # One pod per shard, all in parallel (dynamic task mapping over the argument lists).
    generate = KubernetesPodOperator.partial(
        task_id="generate_shard",
        name="paygen-generate",
        namespace=NAMESPACE,
        service_account_name=SERVICE_ACCOUNT,
        image="{{ var.value.paygen_image }}",
        env_vars={"TMPDIR": "/tmp"},  # --validate keeps a local copy of the shard there
        volumes=[k8s.V1Volume(name="tmp", empty_dir=k8s.V1EmptyDirVolumeSource(size_limit="4Gi"))],
        volume_mounts=[k8s.V1VolumeMount(name="tmp", mount_path="/tmp")],
        container_resources=k8s.V1ResourceRequirements(
            requests={"cpu": "2", "memory": "1Gi"}, limits={"memory": "2Gi"}
        ),
        get_logs=True,
        on_finish_action="delete_pod",
    ).expand(arguments=shard_arguments())

    # Without Kubernetes, the same command on a worker that has the paygen binary:
    #
    # import shlex
    # from airflow.operators.bash import BashOperator  # Airflow 3: airflow.providers.standard.operators.bash
    # generate = BashOperator.partial(task_id="generate_shard").expand(
    #     bash_command=shard_arguments().map(lambda args: "paygen " + shlex.join(args))
    # )

    count_rows = AthenaOperator(
        task_id="count_rows",
        query=COUNT_QUERY,
        params={"table": TABLE},
        database="{{ var.value.paygen_athena_database }}",
        output_location="{{ var.value.paygen_athena_output }}",
        aws_conn_id=AWS_CONN_ID,
    )

    @task(retries=0)
    def check_partition(query_execution_id: str) -> None:
        s = settings()
        result = AthenaHook(aws_conn_id=AWS_CONN_ID).get_query_results(query_execution_id)
        if result is None:
            raise AirflowFailException(f"Athena query {query_execution_id} has no results")
        try:
            check_counts(result, s["rows"], s["shards"])
        except ValueError as err:
            raise AirflowFailException(str(err)) from err

    generate >> count_rows
    check_partition(count_rows.output)
