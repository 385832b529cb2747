resource "aws_sqs_queue" "dead_letter" {
  name                       = "${var.name_prefix}-${var.dead_letter_queue_name}"
  message_retention_seconds  = var.dead_letter_message_retention_seconds
  visibility_timeout_seconds = 6 * var.dead_letter_consumer_timeout_seconds
  receive_wait_time_seconds  = var.receive_wait_time_seconds
  sqs_managed_sse_enabled    = true

  tags = merge(var.tags, { Name = "${var.name_prefix}-${var.dead_letter_queue_name}" })

  lifecycle {
    precondition {
      # A dead-letter queue must keep messages at least as long as its source queue, or a message
      # can expire in the DLQ (its age counts from the original enqueue) before anyone looks.
      condition     = var.dead_letter_message_retention_seconds >= var.message_retention_seconds
      error_message = "The dead-letter queue must retain messages at least as long as the work queue."
    }
  }
}

resource "aws_sqs_queue" "this" {
  name                       = "${var.name_prefix}-${var.queue_name}"
  message_retention_seconds  = var.message_retention_seconds
  visibility_timeout_seconds = var.visibility_timeout_seconds
  receive_wait_time_seconds  = var.receive_wait_time_seconds
  sqs_managed_sse_enabled    = true

  redrive_policy = jsonencode({
    deadLetterTargetArn = aws_sqs_queue.dead_letter.arn
    maxReceiveCount     = var.max_receive_count
  })

  tags = merge(var.tags, { Name = "${var.name_prefix}-${var.queue_name}" })

  lifecycle {
    precondition {
      condition     = var.visibility_timeout_seconds >= 6 * var.consumer_timeout_seconds
      error_message = "The visibility timeout (${var.visibility_timeout_seconds} s) must be at least 6 x the consumer's timeout (${var.consumer_timeout_seconds} s): a shorter one lets SQS redeliver messages the function is still processing."
    }
  }
}

# Only the work queue may use the dead-letter queue. A separate resource, because the work queue's
# redrive policy already depends on the dead-letter queue's ARN.
resource "aws_sqs_queue_redrive_allow_policy" "this" {
  queue_url = aws_sqs_queue.dead_letter.id

  redrive_allow_policy = jsonencode({
    redrivePermission = "byQueue"
    sourceQueueArns   = [aws_sqs_queue.this.arn]
  })
}
