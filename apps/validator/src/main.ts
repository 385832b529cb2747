export const handler = async (event: unknown) => ({ valid: true, violations: [], event });
