terraform {
  required_version = ">= 1.11.0, < 2.0.0"

  required_providers {
    aws = {
      source  = "hashicorp/aws"
      version = "~> 6.20"
    }
  }

  # Deliberately no backend: this configuration creates the bucket every other state lives in, so
  # its own (tiny) state stays local. Keep bootstrap/terraform.tfstate, or re-import the bucket.
}

provider "aws" {
  region = var.aws_region
}
