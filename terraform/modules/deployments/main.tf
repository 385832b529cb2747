# CodeDeploy shifts each function's alias `live` to the version the apply just published, in
# steps given by deployment_config_name, and rolls it back by itself when a rollback alarm fires.
locals {
  app_name = "${var.name_prefix}-functions"

  # The workflow's failed executions roll back any function's deployment: the workflow calls two of
  # them, is started by a third, and a bad release is one release.
  workflow_alarm = "${var.name_prefix}-rollback-workflow-failed"
  function_alarms = {
    for app in keys(var.functions) : app => [
      "${var.name_prefix}-rollback-${app}-errors",
      "${var.name_prefix}-rollback-${app}-p99-duration",
    ]
  }
}

resource "aws_codedeploy_app" "this" {
  name             = local.app_name
  compute_platform = "Lambda"

  tags = var.tags
}

# One deployment group per function (the AppSpec of a Lambda deployment names one function).
resource "aws_codedeploy_deployment_group" "this" {
  for_each = var.functions

  app_name               = aws_codedeploy_app.this.name
  deployment_group_name  = each.key
  service_role_arn       = aws_iam_role.this.arn
  deployment_config_name = var.deployment_config_name

  deployment_style {
    deployment_type   = "BLUE_GREEN"
    deployment_option = "WITH_TRAFFIC_CONTROL"
  }

  auto_rollback_configuration {
    enabled = true
    events  = ["DEPLOYMENT_FAILURE", "DEPLOYMENT_STOP_ON_ALARM"]
  }

  alarm_configuration {
    enabled = true
    alarms  = concat(local.function_alarms[each.key], [local.workflow_alarm])
    # An alarm CodeDeploy cannot read stops the deployment rather than letting it through unwatched.
    ignore_poll_alarm_failure = false
  }

  tags = var.tags

  depends_on = [aws_cloudwatch_metric_alarm.errors, aws_cloudwatch_metric_alarm.p99_duration, aws_cloudwatch_metric_alarm.workflow_failed]
}

# The alias's own metrics (Resource = <function>:live): what callers got during the shift, both
# versions together, so a canary that errs at 10 % of the traffic still raises the sum.
resource "aws_cloudwatch_metric_alarm" "errors" {
  for_each = var.functions

  alarm_name          = local.function_alarms[each.key][0]
  alarm_description   = "${each.value.function_name}:${var.alias_name} raised at least ${var.rollback_alarms.errors} errors in ${var.rollback_alarms.period_seconds} s: CodeDeploy rolls the deployment back."
  namespace           = "AWS/Lambda"
  metric_name         = "Errors"
  dimensions          = { FunctionName = each.value.function_name, Resource = "${each.value.function_name}:${var.alias_name}" }
  statistic           = "Sum"
  period              = var.rollback_alarms.period_seconds
  evaluation_periods  = 1
  threshold           = var.rollback_alarms.errors
  comparison_operator = "GreaterThanOrEqualToThreshold"
  treat_missing_data  = "notBreaching"
  alarm_actions       = var.alarm_actions

  tags = var.tags
}

resource "aws_cloudwatch_metric_alarm" "p99_duration" {
  for_each = var.functions

  alarm_name          = local.function_alarms[each.key][1]
  alarm_description   = "p99 duration of ${each.value.function_name}:${var.alias_name} above ${each.value.p99_duration_ms} ms: CodeDeploy rolls the deployment back."
  namespace           = "AWS/Lambda"
  metric_name         = "Duration"
  dimensions          = { FunctionName = each.value.function_name, Resource = "${each.value.function_name}:${var.alias_name}" }
  extended_statistic  = "p99"
  period              = var.rollback_alarms.period_seconds
  evaluation_periods  = 1
  threshold           = each.value.p99_duration_ms
  comparison_operator = "GreaterThanThreshold"
  treat_missing_data  = "notBreaching"
  alarm_actions       = var.alarm_actions

  tags = var.tags
}

resource "aws_cloudwatch_metric_alarm" "workflow_failed" {
  alarm_name          = local.workflow_alarm
  alarm_description   = "The order workflow failed at least ${var.rollback_alarms.workflow_failures} times in ${var.rollback_alarms.period_seconds} s: CodeDeploy rolls back the deployments in progress."
  namespace           = "AWS/States"
  metric_name         = "ExecutionsFailed"
  dimensions          = { StateMachineArn = var.state_machine_arn }
  statistic           = "Sum"
  period              = var.rollback_alarms.period_seconds
  evaluation_periods  = 1
  threshold           = var.rollback_alarms.workflow_failures
  comparison_operator = "GreaterThanOrEqualToThreshold"
  treat_missing_data  = "notBreaching"
  alarm_actions       = var.alarm_actions

  tags = var.tags
}
