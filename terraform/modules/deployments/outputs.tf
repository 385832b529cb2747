output "application" {
  description = "The CodeDeploy application of the functions and its compute platform."
  value       = { name = aws_codedeploy_app.this.name, compute_platform = aws_codedeploy_app.this.compute_platform }
}

output "deployment_groups" {
  description = "Per app: the deployment group CodeDeploy deploys it with, its function, its alias and the version the apply published (the canary build's input)."
  value = {
    for app, group in aws_codedeploy_deployment_group.this : app => {
      application             = aws_codedeploy_app.this.name
      deployment_group        = group.deployment_group_name
      function_name           = var.functions[app].function_name
      alias                   = var.alias_name
      target_version          = var.functions[app].version
      deployment_config       = group.deployment_config_name
      traffic_control         = "${group.deployment_style[0].deployment_type}/${group.deployment_style[0].deployment_option}"
      rollback_events         = group.auto_rollback_configuration[0].enabled ? sort(group.auto_rollback_configuration[0].events) : []
      rollback_alarms         = group.alarm_configuration[0].enabled ? sort(group.alarm_configuration[0].alarms) : []
      alarms_must_be_readable = !group.alarm_configuration[0].ignore_poll_alarm_failure
    }
  }
}

output "deployment_config_name" {
  description = "How CodeDeploy shifts traffic (CodeDeployDefault.Lambda*)."
  value       = var.deployment_config_name
}

output "rollback_alarms" {
  description = "Every rollback alarm by name: the metric it watches, its dimensions, statistic and threshold."
  value = merge(
    { for alarm in concat(values(aws_cloudwatch_metric_alarm.errors), values(aws_cloudwatch_metric_alarm.p99_duration)) : alarm.alarm_name => { metric = "${alarm.namespace}/${alarm.metric_name}", dimensions = alarm.dimensions, statistic = coalesce(alarm.extended_statistic, alarm.statistic), threshold = alarm.threshold } },
    { (aws_cloudwatch_metric_alarm.workflow_failed.alarm_name) = { metric = "AWS/States/ExecutionsFailed", dimensions = aws_cloudwatch_metric_alarm.workflow_failed.dimensions, statistic = "Sum", threshold = aws_cloudwatch_metric_alarm.workflow_failed.threshold } },
  )
}

output "role_arn" {
  description = "The role CodeDeploy assumes."
  value       = aws_iam_role.this.arn
}
