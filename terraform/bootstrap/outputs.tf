output "state_bucket" {
  description = "Name of the state bucket: the `bucket` of terraform/backend.conf and the `state_bucket` variable."
  value       = aws_s3_bucket.this.bucket
}

output "backend_config" {
  description = "Contents for terraform/backend.conf (the key is a suggestion: one per environment)."
  value       = <<-EOT
    bucket       = "${aws_s3_bucket.this.bucket}"
    key          = "${var.project_name}/dev/terraform.tfstate"
    region       = "${var.aws_region}"
  EOT
}
