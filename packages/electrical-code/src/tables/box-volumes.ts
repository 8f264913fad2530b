import { z } from 'zod';
import { type ByEdition, sameInBothEditions } from '../editions.ts';
import { boxConductorSizes as boxConductorSizeList } from './size-lists.ts';

/** Conductor sizes listed in CEC Table 22 (usable space per insulated conductor in a box). */
export const BoxConductorSize = z.enum(boxConductorSizeList);
export type BoxConductorSize = z.infer<typeof BoxConductorSize>;

/**
 * CEC Table 22 — usable space required per insulated conductor, mL. Same values in CEC 2015 and
 * 2021; they are the inch values 1.5 / 1.75 / 2.25 / 2.75 / 4.5 in³ × 16.387 mL/in³. Checked
 * against public Canadian sources (Dakota Prep CEC 2024 box-fill guide: 8 AWG 45.1 mL, 12 AWG
 * 28.7 mL). Note: they are smaller than NEC 314.16(B) (2.0 in³ for 14 AWG): the two codes differ.
 */
export const table22SpacePerConductorML: ByEdition<Record<BoxConductorSize, number>> = sameInBothEditions({
  '14 AWG': 24.6,
  '12 AWG': 28.7,
  '10 AWG': 36.9,
  '8 AWG': 45.1,
  '6 AWG': 73.7,
});

/** Order of Table 22 sizes, smallest first. */
export const boxConductorSizes = BoxConductorSize.options;

export type CommonBox = {
  id: string;
  description: { fr: string; en: string };
  /** Nominal inside volume, mL. */
  volumeML: number;
};

const IN3_TO_ML = 16.387;

/**
 * Common box sizes and their nominal volumes. CEC Table 23 lists standard boxes, but we could not
 * verify its mL column from a public source; these are the nominal volumes of NEC Table
 * 314.16(A) (in³) converted at 16.387 mL/in³, which describe the same trade sizes. The volume
 * marked on the box (or the manufacturer's data) governs when it differs: pass that as
 * `boxVolumeML`.
 */
export const commonBoxes: readonly CommonBox[] = [
  box('device-3x2x2', 'Boîte de dispositif 3 × 2 × 2 po', 'Device box 3 × 2 × 2 in', 10.0),
  box('device-3x2x2.25', 'Boîte de dispositif 3 × 2 × 2¼ po', 'Device box 3 × 2 × 2¼ in', 10.5),
  box('device-3x2x2.5', 'Boîte de dispositif 3 × 2 × 2½ po', 'Device box 3 × 2 × 2½ in', 12.5),
  box('device-3x2x2.75', 'Boîte de dispositif 3 × 2 × 2¾ po', 'Device box 3 × 2 × 2¾ in', 14.0),
  box('device-3x2x3.5', 'Boîte de dispositif 3 × 2 × 3½ po', 'Device box 3 × 2 × 3½ in', 18.0),
  box('octagon-4x1.5', 'Boîte octogonale 4 × 1½ po', 'Octagon box 4 × 1½ in', 15.5),
  box('octagon-4x2.125', 'Boîte octogonale 4 × 2⅛ po', 'Octagon box 4 × 2⅛ in', 21.5),
  box('square-4x1.5', 'Boîte carrée 4 × 1½ po', 'Square box 4 × 1½ in', 21.0),
  box('square-4x2.125', 'Boîte carrée 4 × 2⅛ po', 'Square box 4 × 2⅛ in', 30.3),
  box('square-4.6875x1.5', 'Boîte carrée 4 11/16 × 1½ po', 'Square box 4 11/16 × 1½ in', 29.5),
  box('square-4.6875x2.125', 'Boîte carrée 4 11/16 × 2⅛ po', 'Square box 4 11/16 × 2⅛ in', 42.0),
];

function box(id: string, fr: string, en: string, cubicInches: number): CommonBox {
  return { id, description: { fr, en }, volumeML: Math.round(cubicInches * IN3_TO_ML * 10) / 10 };
}
