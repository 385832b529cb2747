output "function_names" {
  description = "Function names keyed by app."
  value       = { for key, fn in aws_lambda_function.this : key => fn.function_name }
}

output "function_arns" {
  description = "Unqualified function ARNs keyed by app."
  value       = { for key, fn in aws_lambda_function.this : key => fn.arn }
}

output "invoke_arns" {
  description = "ARNs API Gateway uses to invoke each function, keyed by app."
  value       = { for key, fn in aws_lambda_function.this : key => fn.invoke_arn }
}

output "role_arns" {
  description = "Execution role ARNs keyed by app."
  value       = { for key, role in aws_iam_role.this : key => role.arn }
}

output "log_group_names" {
  description = "Log group names keyed by app."
  value       = { for key, group in aws_cloudwatch_log_group.this : key => group.name }
}

output "source_code_hashes" {
  description = "base64 SHA-256 of each deployed zip, keyed by app (unchanged for an app nobody touched)."
  value       = { for key, fn in aws_lambda_function.this : key => fn.source_code_hash }
}

output "alias_arns" {
  description = "ARNs of each function's alias `live` (what callers invoke), keyed by app."
  value       = { for key, alias in aws_lambda_alias.this : key => alias.arn }
}

output "alias_invoke_arns" {
  description = "ARNs API Gateway uses to invoke each function's alias `live`, keyed by app."
  value       = { for key, alias in aws_lambda_alias.this : key => alias.invoke_arn }
}

output "alias_name" {
  description = "Name of the alias every caller invokes."
  value       = var.alias_name
}

output "versions" {
  description = "The version each function's latest apply published (what CodeDeploy shifts `live` to), keyed by app."
  value       = { for key, fn in aws_lambda_function.this : key => fn.version }
}

output "event_source_mappings" {
  description = "Per queue-triggered app: the queue and what the mapping invokes (the alias `live`)."
  value       = { for key, mapping in aws_lambda_event_source_mapping.this : key => { queue_arn = mapping.event_source_arn, function_name = mapping.function_name } }
}

output "aliases" {
  description = "Per app: the alias's name, ARN and the version Terraform created it on (CodeDeploy moves it afterwards)."
  value       = { for key, alias in aws_lambda_alias.this : key => { name = alias.name, arn = alias.arn, created_on_version = alias.function_version } }
}
