import { z } from 'zod';
import { ApartmentLoadInput, ApartmentLoadResult, apartmentLoad } from './apartment-load.ts';
import { BoxFillInput, BoxFillResult, boxFill } from './box-fill.ts';
import { ConductorSizeInput, ConductorSizeResult, conductorSize } from './conductor-size.ts';
import { DwellingLoadInput, DwellingLoadResult, dwellingLoad } from './dwelling-load.ts';
import type { CalculationOptions } from './options.ts';
import { VoltageDropInput, VoltageDropResult, voltageDrop } from './voltage-drop.ts';

/** The `{kind}` of `POST /v1/calculations/{kind}`. */
export const CalculationKind = z.enum([
  'dwelling-load',
  'apartment-load',
  'conductor-size',
  'voltage-drop',
  'box-fill',
]);
export type CalculationKind = z.infer<typeof CalculationKind>;

type CalculationDefinition<In extends z.ZodType, Out extends z.ZodType> = {
  /** Validates the request body (strict: unknown fields are rejected). */
  input: In;
  /** Describes the answer (for OpenAPI). */
  result: Out;
  run: (input: z.output<In>, options?: CalculationOptions) => z.output<Out>;
};

function define<In extends z.ZodType, Out extends z.ZodType>(
  definition: CalculationDefinition<In, Out>,
): CalculationDefinition<In, Out> {
  return definition;
}

/** Every calculation kind: its input schema, its result schema and its pure function. */
export const calculations = {
  'dwelling-load': define({ input: DwellingLoadInput, result: DwellingLoadResult, run: dwellingLoad }),
  'apartment-load': define({ input: ApartmentLoadInput, result: ApartmentLoadResult, run: apartmentLoad }),
  'conductor-size': define({ input: ConductorSizeInput, result: ConductorSizeResult, run: conductorSize }),
  'voltage-drop': define({ input: VoltageDropInput, result: VoltageDropResult, run: voltageDrop }),
  'box-fill': define({ input: BoxFillInput, result: BoxFillResult, run: boxFill }),
} as const satisfies { [K in CalculationKind]: CalculationDefinition<z.ZodType, z.ZodType> };

export type CalculationResult = {
  [K in CalculationKind]: z.output<(typeof calculations)[K]['result']>;
}[CalculationKind];

/**
 * Validates `input` for `kind` and runs it.
 * @throws z.ZodError when the input is invalid (one issue per bad field);
 *         CalculationError when the code has no answer for a valid input.
 */
export function runCalculation(
  kind: CalculationKind,
  input: unknown,
  options?: CalculationOptions,
): CalculationResult {
  switch (kind) {
    case 'dwelling-load':
      return dwellingLoad(DwellingLoadInput.parse(input), options);
    case 'apartment-load':
      return apartmentLoad(ApartmentLoadInput.parse(input), options);
    case 'conductor-size':
      return conductorSize(ConductorSizeInput.parse(input), options);
    case 'voltage-drop':
      return voltageDrop(VoltageDropInput.parse(input), options);
    case 'box-fill':
      return boxFill(BoxFillInput.parse(input), options);
  }
}
