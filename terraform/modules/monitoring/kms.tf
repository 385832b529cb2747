data "aws_caller_identity" "current" {}

data "aws_partition" "current" {}

# The alerts topic is encrypted with a key this stack owns (not aws/sns, whose policy no service
# principal may use): its key policy names exactly who may encrypt messages for the topic.
resource "aws_kms_key" "this" {
  description             = "Encrypts the ${var.name_prefix}-${var.topic_name} topic's messages."
  enable_key_rotation     = true
  deletion_window_in_days = 30
  policy                  = data.aws_iam_policy_document.alerts_key.json

  tags = merge(var.tags, { Name = "${var.name_prefix}-${var.topic_name}" })
}

resource "aws_kms_alias" "this" {
  name          = "alias/${var.name_prefix}-${var.topic_name}"
  target_key_id = aws_kms_key.this.key_id
}

data "aws_iam_policy_document" "alerts_key" {
  statement {
    # Without it nobody, the account's administrators included, could manage the key again; IAM
    # policies of this account then decide (the pipeline's role may publish approval requests).
    sid       = "AccountAdministersTheKey"
    actions   = ["kms:*"]
    resources = ["*"]

    principals {
      type        = "AWS"
      identifiers = ["arn:${data.aws_partition.current.partition}:iam::${data.aws_caller_identity.current.account_id}:root"]
    }
  }

  statement {
    # CloudWatch alarms publish as the cloudwatch service, which needs the data key to encrypt.
    sid       = "CloudWatchAlarmsPublish"
    actions   = ["kms:GenerateDataKey*", "kms:Decrypt"]
    resources = ["*"]

    principals {
      type        = "Service"
      identifiers = ["cloudwatch.amazonaws.com"]
    }

    condition {
      test     = "StringEquals"
      variable = "aws:SourceAccount"
      values   = [data.aws_caller_identity.current.account_id]
    }
  }

  statement {
    # Pipeline notification rules (CodeStar Notifications) publish as their service as well.
    sid       = "PipelineNotificationsPublish"
    actions   = ["kms:GenerateDataKey*", "kms:Decrypt"]
    resources = ["*"]

    principals {
      type        = "Service"
      identifiers = ["codestar-notifications.amazonaws.com"]
    }

    condition {
      test     = "StringEquals"
      variable = "kms:ViaService"
      values   = ["sns.${var.aws_region}.amazonaws.com"]
    }
  }
}
