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
