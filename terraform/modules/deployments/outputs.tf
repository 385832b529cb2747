output "application_name" {
  description = "The CodeDeploy application of the functions."
  value       = aws_codedeploy_app.this.name
}

output "deployment_groups" {
  description = "Per app: the deployment group CodeDeploy deploys it with, its function, its alias and the version the apply published (the canary build's input)."
  value = {
    for app, group in aws_codedeploy_deployment_group.this : app => {
      application      = aws_codedeploy_app.this.name
      deployment_group = group.deployment_group_name
      function_name    = var.functions[app].function_name
      alias            = var.alias_name
      target_version   = var.functions[app].version
    }
  }
}

output "deployment_config_name" {
  description = "How CodeDeploy shifts traffic (CodeDeployDefault.Lambda*)."
  value       = var.deployment_config_name
}

output "rollback_alarm_names" {
  description = "Per app: the alarms whose firing rolls its deployment back."
  value       = { for app, group in aws_codedeploy_deployment_group.this : app => group.alarm_configuration[0].alarms }
}

output "role_arn" {
  description = "The role CodeDeploy assumes."
  value       = aws_iam_role.this.arn
}
