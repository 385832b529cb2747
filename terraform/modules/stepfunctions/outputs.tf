output "arn" {
  description = "ARN of the state machine (the api-handler starts it with StartSyncExecution)."
  value       = aws_sfn_state_machine.this.arn
}

output "name" {
  description = "Name of the state machine."
  value       = aws_sfn_state_machine.this.name
}

output "role_arn" {
  description = "ARN of the state machine's role."
  value       = aws_iam_role.this.arn
}

output "log_group_name" {
  description = "Log group of the execution logs."
  value       = aws_cloudwatch_log_group.this.name
}

output "definition" {
  description = "The rendered ASL (contracts/order-workflow.asl.json with its placeholders filled)."
  value       = aws_sfn_state_machine.this.definition
}
