// The only module of the SDK that names the generated OpenAPI types. The package build
// (tools/build.mjs) ships the generated file beside the declarations and points this import at it,
// so the published package needs no @dofs/contracts.
import type { components, operations, paths } from '@dofs/contracts';

export type { components, operations, paths };

type Schemas = components['schemas'];
export type CreateOrderRequest = Schemas['CreateOrderRequest'];
export type OrderLine = Schemas['OrderLine'];
export type Order = Schemas['Order'];
export type OrderStatus = Schemas['OrderStatus'];
export type ErrorCode = Schemas['ErrorCode'];
export type ErrorDetail = Schemas['ErrorDetail'];
export type ErrorResponse = Schemas['ErrorResponse'];
export type Health = Schemas['Health'];
export type OrderPage = Schemas['OrderPage'];
/** The query string of GET /orders, as the contract declares it. */
export type ListOrdersParameters = NonNullable<operations['listOrders']['parameters']['query']>;
