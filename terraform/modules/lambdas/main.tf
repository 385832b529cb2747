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

  environment {
    # POWERTOOLS_SERVICE_NAME names the function in every log line and is the `service` dimension
    # of the metrics it emits (the FailedOrders alarm filters on it).
    variables = merge({ POWERTOOLS_SERVICE_NAME = each.key }, each.value.environment)
  }

  tracing_config {
    mode = "Active"
  }

  tags = merge(var.tags, { Name = "${var.name_prefix}-${each.key}" })

  depends_on = [aws_cloudwatch_log_group.this, aws_iam_role_policy.this]
}

resource "aws_lambda_event_source_mapping" "this" {
  for_each = var.queue_triggers

  function_name                      = aws_lambda_function.this[each.key].arn
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
