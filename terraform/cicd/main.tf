data "aws_caller_identity" "current" {}

data "aws_partition" "current" {}

locals {
  account_id = data.aws_caller_identity.current.account_id
  partition  = data.aws_partition.current.partition
  arn_suffix = "${var.aws_region}:${local.account_id}"

  pipeline_name = "${var.name_prefix}-deploy"
  github        = var.source_provider == "GitHub"

  # Bucket names are global: the account and region make them unique.
  buckets = {
    # CodePipeline's artifact store: sources and saved plans of each execution.
    pipeline = {
      name            = "${var.name_prefix}-pipeline-${local.account_id}-${var.aws_region}"
      expiration_days = var.artifact_retention_days
    }
    # Deployed Lambda zips keyed by content hash, and the marker of the last deployed commit
    # (terraform/scripts/lambda-artifacts.mjs).
    releases = {
      name            = "${var.name_prefix}-releases-${local.account_id}-${var.aws_region}"
      expiration_days = null
    }
  }

  # Per environment: its release marker (the deployed commit and zips), and its pipeline stage.
  release_marker_keys = { for env in var.environments : env.name => "deployments/${env.name}/deployed.json" }
  stage_names         = { for env in var.environments : env.name => title(env.name) }
  builds_run          = ["build", "plan", "apply", "canary", "smoke"]

  repository_arn = local.github ? null : "arn:${local.partition}:codecommit:${local.arn_suffix}:${var.repository}"
  connection_arn = one(aws_codeconnections_connection.this[*].arn)
}

# Created PENDING: complete the handshake with GitHub once in the console (Developer Tools >
# Settings > Connections) before the pipeline's first run.
resource "aws_codeconnections_connection" "this" {
  count = local.github ? 1 : 0

  name          = "${var.name_prefix}-github"
  provider_type = "GitHub"

  tags = var.tags
}

resource "aws_s3_bucket" "this" {
  for_each = local.buckets

  bucket = each.value.name

  tags = merge(var.tags, { Name = each.value.name })
}

resource "aws_s3_bucket_ownership_controls" "this" {
  for_each = local.buckets

  bucket = aws_s3_bucket.this[each.key].id

  rule {
    object_ownership = "BucketOwnerEnforced"
  }
}

resource "aws_s3_bucket_public_access_block" "this" {
  for_each = local.buckets

  bucket                  = aws_s3_bucket.this[each.key].id
  block_public_acls       = true
  block_public_policy     = true
  ignore_public_acls      = true
  restrict_public_buckets = true
}

resource "aws_s3_bucket_versioning" "this" {
  for_each = local.buckets

  bucket = aws_s3_bucket.this[each.key].id

  versioning_configuration {
    status = "Enabled"
  }
}

# SSE-KMS with the AWS managed key aws/s3: its key policy already lets this account's principals use
# it through S3, so the roles need no KMS statements.
resource "aws_s3_bucket_server_side_encryption_configuration" "this" {
  for_each = local.buckets

  bucket = aws_s3_bucket.this[each.key].id

  rule {
    apply_server_side_encryption_by_default {
      sse_algorithm = "aws:kms"
    }
    bucket_key_enabled = true
  }
}

resource "aws_s3_bucket_lifecycle_configuration" "this" {
  for_each = local.buckets

  bucket = aws_s3_bucket.this[each.key].id

  rule {
    id     = "expire-old-versions"
    status = "Enabled"

    filter {}

    noncurrent_version_expiration {
      noncurrent_days = 30
    }

    abort_incomplete_multipart_upload {
      days_after_initiation = 7
    }

    dynamic "expiration" {
      for_each = each.value.expiration_days == null ? [] : [each.value.expiration_days]

      content {
        days = expiration.value
      }
    }
  }

  depends_on = [aws_s3_bucket_versioning.this]
}

data "aws_iam_policy_document" "bucket" {
  for_each = local.buckets

  statement {
    sid       = "DenyInsecureTransport"
    effect    = "Deny"
    actions   = ["s3:*"]
    resources = [aws_s3_bucket.this[each.key].arn, "${aws_s3_bucket.this[each.key].arn}/*"]

    principals {
      type        = "*"
      identifiers = ["*"]
    }

    condition {
      test     = "Bool"
      variable = "aws:SecureTransport"
      values   = ["false"]
    }
  }
}

resource "aws_s3_bucket_policy" "this" {
  for_each = local.buckets

  bucket = aws_s3_bucket.this[each.key].id
  policy = data.aws_iam_policy_document.bucket[each.key].json

  depends_on = [aws_s3_bucket_public_access_block.this]
}

resource "aws_cloudwatch_log_group" "build" {
  for_each = toset(local.builds_run)

  name              = "/aws/codebuild/${var.name_prefix}-${each.key}"
  retention_in_days = var.log_retention_days

  tags = var.tags
}
