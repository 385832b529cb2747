import { DEFAULT_FAULT_PLAN_TEXT, formatFaultPlan, parseFaultPlan } from './fault-plan';
import { InvalidSettingError } from './invalid-setting-error';

describe('parseFaultPlan', () => {
  it('reads every kind of the default plan and formats it back', () => {
    const plan = parseFaultPlan(DEFAULT_FAULT_PLAN_TEXT);
    expect(plan['lambda.crash']).toBe(0.02);
    expect(plan['sfn.task.error']).toBe(0.01);
    expect(formatFaultPlan(plan)).toBe(DEFAULT_FAULT_PLAN_TEXT);
  });

  it('is empty when unset, blank or none', () => {
    for (const text of [undefined, '', ' ', 'none']) expect(formatFaultPlan(parseFaultPlan(text))).toBe('none');
  });

  it.each([
    ['lambda.crash', /not kind=probability/],
    ['lambda.explode=0.1', /unknown fault "lambda.explode"/],
    ['sqs.error=1.5', /not a probability/],
    ['sqs.error=abc', /not kind=probability/],
    ['sqs.error=0.1,sqs.error=0.2', /given twice/],
  ])('refuses %s with an InvalidSettingError', (text, message) => {
    expect(() => parseFaultPlan(text)).toThrow(InvalidSettingError);
    expect(() => parseFaultPlan(text)).toThrow(message);
  });
});
