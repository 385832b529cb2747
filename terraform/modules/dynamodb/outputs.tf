output "table_names" {
  description = "Table names keyed by logical name (e.g. orders => dofs-dev-orders)."
  value       = { for key, table in aws_dynamodb_table.this : key => table.name }
}

output "table_arns" {
  description = "Table ARNs keyed by logical name."
  value       = { for key, table in aws_dynamodb_table.this : key => table.arn }
}
