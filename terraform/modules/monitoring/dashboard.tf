locals {
  dashboard_name = "${var.name_prefix}-orders"

  function_metric_rows = {
    for metric in ["Invocations", "Errors", "Throttles", "Duration"] : metric => [
      for name in values(var.function_names) : ["AWS/Lambda", metric, "FunctionName", name, { stat = metric == "Duration" ? "p99" : "Sum" }]
    ]
  }

  widgets = concat(
    [
      {
        type = "metric", x = 0, y = 0, width = 12, height = 6
        properties = {
          title  = "API: requests and errors"
          region = var.aws_region
          view   = "timeSeries"
          period = 60
          stat   = "Sum"
          metrics = [
            ["AWS/ApiGateway", "Count", "ApiName", var.api_name, "Stage", var.api_stage_name],
            ["AWS/ApiGateway", "4XXError", "ApiName", var.api_name, "Stage", var.api_stage_name],
            ["AWS/ApiGateway", "5XXError", "ApiName", var.api_name, "Stage", var.api_stage_name],
          ]
        }
      },
      {
        type = "metric", x = 12, y = 0, width = 12, height = 6
        properties = {
          title  = "API: latency (p99, ms)"
          region = var.aws_region
          view   = "timeSeries"
          period = 60
          stat   = "p99"
          metrics = [
            ["AWS/ApiGateway", "Latency", "ApiName", var.api_name, "Stage", var.api_stage_name],
            ["AWS/ApiGateway", "IntegrationLatency", "ApiName", var.api_name, "Stage", var.api_stage_name],
          ]
        }
      },
      {
        type = "metric", x = 0, y = 6, width = 12, height = 6
        properties = {
          title  = "Order workflow executions"
          region = var.aws_region
          view   = "timeSeries"
          period = 60
          stat   = "Sum"
          metrics = [
            for metric in ["ExecutionsStarted", "ExecutionsSucceeded", "ExecutionsFailed", "ExecutionsTimedOut"] :
            ["AWS/States", metric, "StateMachineArn", var.state_machine_arn]
          ]
        }
      },
      {
        type = "metric", x = 12, y = 6, width = 12, height = 6
        properties = {
          title  = "Failed orders (DLQ processor)"
          region = var.aws_region
          view   = "timeSeries"
          period = var.failed_orders_period_seconds
          stat   = "Sum"
          metrics = [
            [var.failed_orders_metric.namespace, var.failed_orders_metric.name, "service", var.failed_orders_metric.service],
          ]
          annotations = {
            horizontal = [{ label = "alarm threshold", value = var.failed_orders_threshold }]
          }
        }
      },
      {
        type = "metric", x = 0, y = 12, width = 12, height = 6
        properties = {
          title  = "Queues: visible messages"
          region = var.aws_region
          view   = "timeSeries"
          period = 60
          stat   = "Maximum"
          metrics = [
            ["AWS/SQS", "ApproximateNumberOfMessagesVisible", "QueueName", var.queue_name],
            ["AWS/SQS", "ApproximateNumberOfMessagesVisible", "QueueName", var.dead_letter_queue_name],
          ]
        }
      },
      {
        type = "metric", x = 12, y = 12, width = 12, height = 6
        properties = {
          title  = "Queues: age of oldest message (s)"
          region = var.aws_region
          view   = "timeSeries"
          period = 60
          stat   = "Maximum"
          metrics = [
            ["AWS/SQS", "ApproximateAgeOfOldestMessage", "QueueName", var.queue_name],
            ["AWS/SQS", "ApproximateAgeOfOldestMessage", "QueueName", var.dead_letter_queue_name],
          ]
        }
      },
    ],
    [
      for index, metric in ["Invocations", "Errors", "Throttles", "Duration"] : {
        type   = "metric"
        x      = (index % 2) * 12
        y      = 18 + floor(index / 2) * 6
        width  = 12
        height = 6
        properties = {
          title   = metric == "Duration" ? "Lambda: duration (p99, ms)" : "Lambda: ${lower(metric)}"
          region  = var.aws_region
          view    = "timeSeries"
          period  = 60
          metrics = local.function_metric_rows[metric]
        }
      }
    ],
  )
}

resource "aws_cloudwatch_dashboard" "this" {
  dashboard_name = local.dashboard_name
  dashboard_body = jsonencode({ widgets = local.widgets })
}
