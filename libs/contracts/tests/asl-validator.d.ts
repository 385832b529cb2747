declare module 'asl-validator' {
  export interface AslValidationResult {
    isValid: boolean;
    errors: unknown[];
  }
  export default function validator(definition: unknown): AslValidationResult;
}
