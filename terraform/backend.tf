terraform {
  # bucket, key and region come from a backend config file at init time
  # (`terraform init -backend-config=backend.conf`, see backend.conf.example), so one
  # configuration serves any account. The state is encrypted at rest, and Terraform >= 1.10 locks
  # it with a lock file next to it in S3 (no DynamoDB lock table).
  backend "s3" {
    encrypt      = true
    use_lockfile = true
  }
}
