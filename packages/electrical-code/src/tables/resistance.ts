import type { ConductorMaterial, ConductorSize } from './conductor-sizes.ts';

/**
 * DC resistance of conductors at 75 °C, in Ω per 1000 ft, from NEC Chapter 9 Table 8
 * (uncoated stranded copper; stranded aluminum). The CEC gives voltage-drop data in Appendix D
 * (Table D3, distance to 1 % drop) rather than a resistance table usable at any temperature, so we
 * use this public, widely reproduced table and correct it for temperature:
 *   R(T) = R75 × (1 + α × (T − 75)),  α = 0.00323 /°C (copper), 0.00330 /°C (aluminum)
 * (the coefficients given in the notes to NEC Chapter 9 Table 8).
 * Stranded values are used for every size (solid 14–10 AWG copper is ≈ 2 % lower): conservative.
 * Aluminum starts at 12 AWG like Tables 3/4.
 */
const ohmsPerKftAt75: Record<ConductorMaterial, Partial<Record<ConductorSize, number>>> = {
  copper: {
    '14 AWG': 3.14,
    '12 AWG': 1.98,
    '10 AWG': 1.24,
    '8 AWG': 0.778,
    '6 AWG': 0.491,
    '4 AWG': 0.308,
    '3 AWG': 0.245,
    '2 AWG': 0.194,
    '1 AWG': 0.154,
    '1/0 AWG': 0.122,
    '2/0 AWG': 0.0967,
    '3/0 AWG': 0.0766,
    '4/0 AWG': 0.0608,
    '250 kcmil': 0.0515,
    '300 kcmil': 0.0429,
    '350 kcmil': 0.0367,
    '400 kcmil': 0.0321,
    '500 kcmil': 0.0258,
  },
  aluminum: {
    '12 AWG': 3.25,
    '10 AWG': 2.04,
    '8 AWG': 1.28,
    '6 AWG': 0.808,
    '4 AWG': 0.508,
    '3 AWG': 0.403,
    '2 AWG': 0.319,
    '1 AWG': 0.253,
    '1/0 AWG': 0.201,
    '2/0 AWG': 0.159,
    '3/0 AWG': 0.126,
    '4/0 AWG': 0.1,
    '250 kcmil': 0.0847,
    '300 kcmil': 0.0707,
    '350 kcmil': 0.0605,
    '400 kcmil': 0.0529,
    '500 kcmil': 0.0424,
  },
};

export const temperatureCoefficient: Record<ConductorMaterial, number> = {
  copper: 0.00323,
  aluminum: 0.0033,
};

export const REFERENCE_TEMPERATURE_C = 75;
const METRES_PER_KFT = 304.8;

/** Resistance in Ω/km at 75 °C, or undefined when the table has no row for that size. */
export function resistanceOhmPerKmAt75(material: ConductorMaterial, size: ConductorSize): number | undefined {
  const perKft = ohmsPerKftAt75[material][size];
  return perKft === undefined ? undefined : (perKft * 1000) / METRES_PER_KFT;
}

/** Resistance in Ω/km corrected to `temperatureC`. */
export function resistanceOhmPerKm(
  material: ConductorMaterial,
  size: ConductorSize,
  temperatureC: number,
): number | undefined {
  const r75 = resistanceOhmPerKmAt75(material, size);
  if (r75 === undefined) return undefined;
  return r75 * (1 + temperatureCoefficient[material] * (temperatureC - REFERENCE_TEMPERATURE_C));
}
