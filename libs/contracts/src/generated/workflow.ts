// Generated from contracts/*.asl.json and contracts/openapi.yaml by libs/contracts/tools/generate.mjs. Do not edit: run `npm run codegen`.

/** Terraform templatefile() variables that contracts/openapi.yaml needs. */
export const OPENAPI_PLACEHOLDERS = ["api_handler_invoke_arn"] as const;

/** The API-key header each operation must send (its effective OpenAPI security requirement), by operationId; absent: no key needed. */
export const OPENAPI_API_KEY_HEADERS: Readonly<Record<string, string>> = {"createOrder":"x-api-key","getOrder":"x-api-key","listOrders":"x-api-key"};

/** contracts/order-workflow.asl.json */
export const ORDER_WORKFLOW_FILE = "order-workflow.asl.json";
export const ORDER_WORKFLOW_PLACEHOLDERS = ["function_alias","order_queue_url","order_storage_function_arn","validator_function_arn"] as const;
export const ORDER_WORKFLOW_STATES = ["DiscardIfCreated","DiscardOrder","EnqueueFailed","EnqueueOrder","IdempotencyConflict","IsOrderValid","OrderAccepted","OrderRejected","ShouldEnqueue","StoreFailed","StoreOrder","ValidateOrder","ValidationFailed"] as const;
export type OrderWorkflowState = (typeof ORDER_WORKFLOW_STATES)[number];
/** The Error of each Fail state: how an execution of this workflow can fail. */
export const ORDER_WORKFLOW_ERRORS = ["EnqueueFailed","IdempotencyConflict","StoreFailed","ValidationFailed"] as const;
export type OrderWorkflowError = (typeof ORDER_WORKFLOW_ERRORS)[number];
