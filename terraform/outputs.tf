output "api_invoke_url" {
  description = "Base URL of the order API (POST /order, GET /order/{order_id}, GET /health)."
  value       = module.api_gateway.invoke_url
}

output "api_key_ids" {
  description = "ID of each API client's key, by client name."
  value       = module.api_gateway.api_key_ids
}

output "api_keys" {
  description = "Each API client's key (x-api-key), by client name: `terraform output -json api_keys`; hand each to its client only."
  value       = module.api_gateway.api_keys
  sensitive   = true
}

output "dashboard_url" {
  description = "CloudWatch dashboard of the order pipeline."
  value       = module.monitoring.dashboard_url
}

output "state_machine_arn" {
  description = "ARN of the Express order workflow."
  value       = module.stepfunctions.arn

  precondition {
    condition     = module.stepfunctions.arn == local.state_machine_arn
    error_message = "The order workflow's ARN differs from the one given to the api-handler (STATE_MACHINE_ARN and its IAM policy)."
  }
}

output "table_names" {
  description = "DynamoDB table names keyed by logical name."
  value       = module.dynamodb.table_names
}

output "queue_urls" {
  description = "URLs of order_queue and order_dlq."
  value = {
    (local.queue_name)             = module.sqs.queue_url
    (local.dead_letter_queue_name) = module.sqs.dead_letter_queue_url
  }
}

output "function_names" {
  description = "Lambda function names keyed by app."
  value       = module.lambdas.function_names
}

output "lambda_source_code_hashes" {
  description = "base64 SHA-256 of each deployed zip keyed by app: unchanged for apps a push did not touch."
  value       = module.lambdas.source_code_hashes
}

output "alerts_topic_arn" {
  description = "SNS topic every alarm notifies."
  value       = module.monitoring.topic_arn
}

output "pipeline_name" {
  description = "Name of the CodePipeline (null without enable_pipeline)."
  value       = one(module.cicd[*].pipeline_name)
}

output "pipeline_url" {
  description = "Console URL of the CodePipeline (null without enable_pipeline)."
  value       = one(module.cicd[*].pipeline_url)
}

output "source_connection_arn" {
  description = "CodeConnections connection to GitHub: complete its handshake once in the console (Developer Tools > Connections) before the first run."
  value       = one(module.cicd[*].connection_arn)
}

output "release_bucket" {
  description = "Bucket of deployed Lambda zips (by content hash) and of the deployed-commit marker."
  value       = one(module.cicd[*].release_bucket)
}

output "lambda_deployments" {
  description = "Per app: CodeDeploy application and group, function, alias and the version this apply published; the pipeline's Canary build shifts each alias to its target version (scripts/lambda-canary.mjs)."
  value       = module.deployments.deployment_groups
}

output "deployment_config_name" {
  description = "How CodeDeploy shifts the aliases in this environment."
  value       = module.deployments.deployment_config_name
}

output "pipeline_stages" {
  description = "The pipeline's stages and their actions (null without the pipeline)."
  value       = one(module.cicd[*].stages)
}
