output "pipeline_name" {
  description = "Name of the pipeline."
  value       = aws_codepipeline.this.name
}

output "pipeline_url" {
  description = "Console URL of the pipeline."
  value       = "https://${var.aws_region}.console.aws.amazon.com/codesuite/codepipeline/pipelines/${aws_codepipeline.this.name}/view?region=${var.aws_region}"
}

output "connection_arn" {
  description = "ARN of the GitHub connection (null for CodeCommit); its handshake is completed once in the console."
  value       = local.connection_arn
}

output "release_bucket" {
  description = "Bucket of released Lambda zips and of the deployed-commit marker."
  value       = aws_s3_bucket.this["releases"].bucket
}

output "artifact_bucket" {
  description = "CodePipeline artifact bucket."
  value       = aws_s3_bucket.this["pipeline"].bucket
}

output "codebuild_projects" {
  description = "CodeBuild project names keyed by step (plan, apply)."
  value       = { for key, project in aws_codebuild_project.this : key => project.name }
}

output "stages" {
  description = "The pipeline's stages in order, each with its actions in order."
  value       = [for stage in aws_codepipeline.this.stage : { name = stage.name, actions = [for action in stage.action : action.name] }]
}
