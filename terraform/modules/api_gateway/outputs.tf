output "rest_api_id" {
  description = "ID of the REST API."
  value       = aws_api_gateway_rest_api.this.id
}

output "name" {
  description = "Name of the REST API (the ApiName dimension of its metrics)."
  value       = aws_api_gateway_rest_api.this.name
}

output "stage_name" {
  description = "Name of the stage (the Stage dimension of its metrics)."
  value       = aws_api_gateway_stage.this.stage_name
}

output "invoke_url" {
  description = "Base URL of the API, e.g. https://<id>.execute-api.<region>.amazonaws.com/dev."
  value       = aws_api_gateway_stage.this.invoke_url
}

output "execution_arn" {
  description = "Execution ARN of the REST API."
  value       = aws_api_gateway_rest_api.this.execution_arn
}

output "access_log_group_name" {
  description = "Log group of the access logs."
  value       = aws_cloudwatch_log_group.access.name
}

output "body_sha1" {
  description = "sha1 of the imported OpenAPI body; a change re-creates the deployment."
  value       = sha1(local.body)
}

output "api_key_ids" {
  description = "ID of each client's API key, by client name (`aws apigateway get-api-key --include-value --api-key <id>`)."
  value       = { for name, key in aws_api_gateway_api_key.this : name => key.id }
}

output "api_keys" {
  description = "Each client's API key value, by client name: hand each to its client only."
  value       = { for name, key in aws_api_gateway_api_key.this : name => key.value }
  sensitive   = true
}

output "body" {
  description = "The imported API definition (contracts/openapi.yaml with its placeholders filled)."
  value       = aws_api_gateway_rest_api.this.body
}

output "invoke_permission" {
  description = "What the API may invoke: the api-handler and the alias (qualifier) its integration names."
  value       = { function_name = aws_lambda_permission.this.function_name, qualifier = aws_lambda_permission.this.qualifier }
}
