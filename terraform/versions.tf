terraform {
  # 1.11 made the S3 backend's native lock file (use_lockfile) generally available.
  required_version = ">= 1.11.0, < 2.0.0"

  required_providers {
    aws = {
      source = "hashicorp/aws"
      # 6.x is the current major. The Lambda runtime nodejs24.x is accepted from 6.19
      # (aws-sdk-go-v2 release 2025-10-23); 6.20 is the first release that documents it.
      version = "~> 6.20"
    }
  }
}

provider "aws" {
  region = var.aws_region
}
