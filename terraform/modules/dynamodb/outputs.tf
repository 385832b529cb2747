output "table_names" {
  description = "Table names keyed by logical name (e.g. orders => dofs-dev-orders)."
  value       = { for key, table in aws_dynamodb_table.this : key => table.name }
}

output "table_arns" {
  description = "Table ARNs keyed by logical name."
  value       = { for key, table in aws_dynamodb_table.this : key => table.arn }
}

output "index_arns" {
  description = "Global secondary index ARNs keyed by <table logical name>/<index name> (e.g. orders/status-created_at-index), for Query permissions on exactly one index."
  value = merge([
    for key, table in aws_dynamodb_table.this : {
      for index in var.tables[key].global_secondary_indexes : "${key}/${index.name}" => "${table.arn}/index/${index.name}"
    }
  ]...)
}
