import { z } from 'zod';

/** One line of a worked calculation: the rule it applies, what it does, and the value it gives. */
export const CalculationStep = z.object({
  ruleRef: z.string(),
  label: z.string(),
  value: z.string(),
});
export type CalculationStep = z.infer<typeof CalculationStep>;

/** Fields every calculation result carries (API.md "Calculations"). */
export const CalculationTrace = z.object({
  ruleRefs: z.array(z.string()),
  assumptions: z.array(z.string()),
  steps: z.array(CalculationStep),
});
export type CalculationTrace = z.infer<typeof CalculationTrace>;

/**
 * Collects the steps, rule references and assumptions of one calculation, in order.
 * Rule references are the unique `ruleRef`s of the steps plus any cited without a step.
 */
export class Worksheet {
  private readonly stepList: CalculationStep[] = [];
  private readonly refs = new Set<string>();
  private readonly assumptionList: string[] = [];

  step(ruleRef: string, label: string, value: string): void {
    this.stepList.push({ ruleRef, label, value });
    this.refs.add(ruleRef);
  }

  cite(ruleRef: string): void {
    this.refs.add(ruleRef);
  }

  assume(text: string): void {
    if (!this.assumptionList.includes(text)) this.assumptionList.push(text);
  }

  trace(): CalculationTrace {
    return { ruleRefs: [...this.refs], assumptions: [...this.assumptionList], steps: [...this.stepList] };
  }
}
