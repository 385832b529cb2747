# Created before the function so that Terraform, not Lambda, owns the group and its retention.
resource "aws_cloudwatch_log_group" "this" {
  for_each = var.functions

  name              = "/aws/lambda/${var.name_prefix}-${each.key}"
  retention_in_days = var.log_retention_days

  tags = var.tags
}

resource "aws_lambda_function" "this" {
  for_each = var.functions

  function_name = "${var.name_prefix}-${each.key}"
  description   = each.value.description
  role          = aws_iam_role.this[each.key].arn
  runtime       = var.runtime
  architectures = [var.architecture]
  handler       = each.value.handler
  filename      = each.value.package_path
  # The zips are deterministic: an untouched app keeps the same hash, so its function shows no change.
  source_code_hash               = filebase64sha256(each.value.package_path)
  timeout                        = each.value.timeout
  memory_size                    = each.value.memory_size
  reserved_concurrent_executions = each.value.reserved_concurrency
  # Every change of code or configuration publishes a new, immutable version; callers never see it
  # until CodeDeploy shifts the alias `live` to it (aws_lambda_alias.this below).
  publish = true

  environment {
    # POWERTOOLS_SERVICE_NAME names the function in every log line and is the `service` dimension
    # of the metrics it emits (the FailedOrders alarm filters on it).
    variables = merge({ POWERTOOLS_SERVICE_NAME = each.key, POWERTOOLS_LOG_LEVEL = var.log_level }, each.value.environment)
  }

  tracing_config {
    mode = "Active"
  }

  tags = merge(var.tags, { Name = "${var.name_prefix}-${each.key}" })

  depends_on = [aws_cloudwatch_log_group.this, aws_iam_role_policy.this]
}

# The alias every caller invokes: API Gateway, the workflow's tasks and the queue event sources.
# Terraform creates it on the first published version and then leaves its version to CodeDeploy,
# which shifts it (all at once, canary or linear) and rolls it back when an alarm fires. Without
# ignore_changes, the next plan would move the alias back to whatever Terraform last set, i.e.
# undo or pre-empt CodeDeploy's traffic shift outside any canary and any alarm.
resource "aws_lambda_alias" "this" {
  for_each = var.functions

  name             = var.alias_name
  description      = "What callers invoke; CodeDeploy moves it from version to version."
  function_name    = aws_lambda_function.this[each.key].function_name
  function_version = aws_lambda_function.this[each.key].version

  lifecycle {
    ignore_changes = [function_version, routing_config]
  }
}

resource "aws_lambda_event_source_mapping" "this" {
  for_each = var.queue_triggers

  # The alias: a batch is processed by the version(s) the alias points at, canary included.
  function_name                      = aws_lambda_alias.this[each.key].arn
  event_source_arn                   = each.value.queue_arn
  batch_size                         = each.value.batch_size
  maximum_batching_window_in_seconds = each.value.maximum_batching_window_in_seconds
  # One failed message is retried alone; the rest of its batch is deleted (Powertools batch).
  function_response_types = ["ReportBatchItemFailures"]

  scaling_config {
    maximum_concurrency = each.value.maximum_concurrency
  }

  tags = var.tags

  # Lambda checks the role's SQS permissions when the mapping is created.
  depends_on = [aws_iam_role_policy.this]
}
