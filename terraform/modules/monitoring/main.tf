locals {
  alarm_actions = [aws_sns_topic.this.arn]
}

resource "aws_sns_topic" "this" {
  name              = "${var.name_prefix}-${var.topic_name}"
  kms_master_key_id = aws_kms_key.this.arn

  tags = merge(var.tags, { Name = "${var.name_prefix}-${var.topic_name}" })
}

resource "aws_sns_topic_subscription" "email" {
  count = var.notification_email == null ? 0 : 1

  topic_arn = aws_sns_topic.this.arn
  protocol  = "email"
  endpoint  = var.notification_email
}

# The DLQ processor drains order_dlq, so its depth stays near zero even while orders fail, and SQS
# does not count redriven messages in the DLQ's NumberOfMessagesSent. The processor therefore emits
# one FailedOrders data point per failed order (Powertools Metrics, EMF), and this alarm counts them.
resource "aws_cloudwatch_metric_alarm" "failed_orders" {
  count = var.enable_failed_orders_alarm ? 1 : 0

  alarm_name          = "${var.name_prefix}-failed-orders"
  alarm_description   = "At least ${var.failed_orders_threshold} orders failed (reached ${var.dead_letter_queue_name}) within ${var.failed_orders_period_seconds} s."
  namespace           = var.failed_orders_metric.namespace
  metric_name         = var.failed_orders_metric.name
  dimensions          = { service = var.failed_orders_metric.service }
  statistic           = "Sum"
  period              = var.failed_orders_period_seconds
  evaluation_periods  = 1
  threshold           = var.failed_orders_threshold
  comparison_operator = "GreaterThanOrEqualToThreshold"
  treat_missing_data  = "notBreaching"
  alarm_actions       = local.alarm_actions
  ok_actions          = local.alarm_actions

  tags = var.tags
}

# Messages that stay in the DLQ mean the DLQ processor itself is failing.
resource "aws_cloudwatch_metric_alarm" "dead_letter_queue_depth" {
  alarm_name          = "${var.name_prefix}-dlq-depth"
  alarm_description   = "${var.dead_letter_queue_name} has held messages for 15 minutes: the DLQ processor is not draining it."
  namespace           = "AWS/SQS"
  metric_name         = "ApproximateNumberOfMessagesVisible"
  dimensions          = { QueueName = var.dead_letter_queue_name }
  statistic           = "Minimum"
  period              = 300
  evaluation_periods  = 3
  threshold           = var.dead_letter_queue_depth_threshold
  comparison_operator = "GreaterThanOrEqualToThreshold"
  treat_missing_data  = "notBreaching"
  alarm_actions       = local.alarm_actions
  ok_actions          = local.alarm_actions

  tags = var.tags
}

resource "aws_cloudwatch_metric_alarm" "dead_letter_queue_age" {
  alarm_name          = "${var.name_prefix}-dlq-oldest-message-age"
  alarm_description   = "The oldest message of ${var.dead_letter_queue_name} is older than ${var.dead_letter_queue_age_threshold_seconds} s: the DLQ processor is failing."
  namespace           = "AWS/SQS"
  metric_name         = "ApproximateAgeOfOldestMessage"
  dimensions          = { QueueName = var.dead_letter_queue_name }
  statistic           = "Maximum"
  period              = 300
  evaluation_periods  = 1
  threshold           = var.dead_letter_queue_age_threshold_seconds
  comparison_operator = "GreaterThanOrEqualToThreshold"
  treat_missing_data  = "notBreaching"
  alarm_actions       = local.alarm_actions
  ok_actions          = local.alarm_actions

  tags = var.tags
}

resource "aws_cloudwatch_metric_alarm" "queue_age" {
  alarm_name          = "${var.name_prefix}-order-queue-oldest-message-age"
  alarm_description   = "The oldest message of ${var.queue_name} is older than ${var.queue_age_threshold_seconds} s: fulfillment is falling behind."
  namespace           = "AWS/SQS"
  metric_name         = "ApproximateAgeOfOldestMessage"
  dimensions          = { QueueName = var.queue_name }
  statistic           = "Maximum"
  period              = 300
  evaluation_periods  = 1
  threshold           = var.queue_age_threshold_seconds
  comparison_operator = "GreaterThanOrEqualToThreshold"
  treat_missing_data  = "notBreaching"
  alarm_actions       = local.alarm_actions
  ok_actions          = local.alarm_actions

  tags = var.tags
}

resource "aws_cloudwatch_metric_alarm" "api_5xx" {
  alarm_name          = "${var.name_prefix}-api-5xx"
  alarm_description   = "The API answered at least ${var.api_5xx_threshold} 5XX within 5 minutes."
  namespace           = "AWS/ApiGateway"
  metric_name         = "5XXError"
  dimensions          = { ApiName = var.api_name, Stage = var.api_stage_name }
  statistic           = "Sum"
  period              = 300
  evaluation_periods  = 1
  threshold           = var.api_5xx_threshold
  comparison_operator = "GreaterThanOrEqualToThreshold"
  treat_missing_data  = "notBreaching"
  alarm_actions       = local.alarm_actions
  ok_actions          = local.alarm_actions

  tags = var.tags
}

resource "aws_cloudwatch_metric_alarm" "lambda_errors" {
  for_each = var.function_names

  alarm_name          = "${each.value}-errors"
  alarm_description   = "${each.value} failed at least ${var.lambda_error_threshold} times within 5 minutes."
  namespace           = "AWS/Lambda"
  metric_name         = "Errors"
  dimensions          = { FunctionName = each.value }
  statistic           = "Sum"
  period              = 300
  evaluation_periods  = 1
  threshold           = var.lambda_error_threshold
  comparison_operator = "GreaterThanOrEqualToThreshold"
  treat_missing_data  = "notBreaching"
  alarm_actions       = local.alarm_actions
  ok_actions          = local.alarm_actions

  tags = var.tags
}

resource "aws_cloudwatch_metric_alarm" "lambda_throttles" {
  for_each = var.function_names

  alarm_name          = "${each.value}-throttles"
  alarm_description   = "${each.value} was throttled within 5 minutes."
  namespace           = "AWS/Lambda"
  metric_name         = "Throttles"
  dimensions          = { FunctionName = each.value }
  statistic           = "Sum"
  period              = 300
  evaluation_periods  = 1
  threshold           = 1
  comparison_operator = "GreaterThanOrEqualToThreshold"
  treat_missing_data  = "notBreaching"
  alarm_actions       = local.alarm_actions
  ok_actions          = local.alarm_actions

  tags = var.tags
}

# Business rejections end in a Pass state (succeeded); failed or timed-out executions are faults.
resource "aws_cloudwatch_metric_alarm" "workflow_failures" {
  alarm_name          = "${var.name_prefix}-workflow-failures"
  alarm_description   = "The order workflow failed or timed out at least ${var.workflow_failure_threshold} times within 5 minutes."
  evaluation_periods  = 1
  threshold           = var.workflow_failure_threshold
  comparison_operator = "GreaterThanOrEqualToThreshold"
  treat_missing_data  = "notBreaching"
  alarm_actions       = local.alarm_actions
  ok_actions          = local.alarm_actions

  metric_query {
    id          = "faults"
    expression  = "FILL(failed, 0) + FILL(timed_out, 0)"
    label       = "Failed or timed-out executions"
    return_data = true
  }

  metric_query {
    id = "failed"

    metric {
      namespace   = "AWS/States"
      metric_name = "ExecutionsFailed"
      dimensions  = { StateMachineArn = var.state_machine_arn }
      stat        = "Sum"
      period      = 300
    }
  }

  metric_query {
    id = "timed_out"

    metric {
      namespace   = "AWS/States"
      metric_name = "ExecutionsTimedOut"
      dimensions  = { StateMachineArn = var.state_machine_arn }
      stat        = "Sum"
      period      = 300
    }
  }

  tags = var.tags
}
