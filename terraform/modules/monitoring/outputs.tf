output "topic_arn" {
  description = "ARN of the alerts topic every alarm notifies."
  value       = aws_sns_topic.this.arn
}

output "topic_key_arn" {
  description = "ARN of the customer managed KMS key that encrypts the alerts topic (a publisher needs kms:GenerateDataKey and kms:Decrypt on it)."
  value       = aws_kms_key.this.arn
}

output "alarm_names" {
  description = "Names of every alarm."
  value = concat(
    aws_cloudwatch_metric_alarm.failed_orders[*].alarm_name,
    [
      aws_cloudwatch_metric_alarm.dead_letter_queue_depth.alarm_name,
      aws_cloudwatch_metric_alarm.dead_letter_queue_age.alarm_name,
      aws_cloudwatch_metric_alarm.queue_age.alarm_name,
      aws_cloudwatch_metric_alarm.api_5xx.alarm_name,
      aws_cloudwatch_metric_alarm.workflow_failures.alarm_name,
    ],
    [for alarm in aws_cloudwatch_metric_alarm.lambda_errors : alarm.alarm_name],
    [for alarm in aws_cloudwatch_metric_alarm.lambda_throttles : alarm.alarm_name],
  )
}

output "dashboard_name" {
  description = "Name of the CloudWatch dashboard."
  value       = aws_cloudwatch_dashboard.this.dashboard_name
}

output "dashboard_url" {
  description = "Console URL of the CloudWatch dashboard."
  value       = "https://${var.aws_region}.console.aws.amazon.com/cloudwatch/home?region=${var.aws_region}#dashboards/dashboard/${aws_cloudwatch_dashboard.this.dashboard_name}"
}
