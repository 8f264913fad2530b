import { z } from 'zod';
import { type ByEdition, type Edition, sameInBothEditions } from '../editions.ts';
import type { ConductorMaterial, ConductorSize } from './conductor-sizes.ts';

/**
 * Allowable ampacities of CEC Tables 1–4 (conductors rated ≤ 5000 V, ambient 30 °C), columns
 * 60 °C / 75 °C / 90 °C.
 *
 * Sources and choices:
 * - Since the CEC 2012 (22nd ed.) the values of Tables 1–4 are harmonized with NEC Tables
 *   310.15(B)(16) (raceway/cable) and 310.15(B)(17) (free air) — reported by Electrical Industry
 *   News ("Conductor ampacities and their temperature rating", P. McDonald) and by the RBQ for the
 *   Quebec 2018 edition ("changements aux tableaux des courants admissibles"). The values below are
 *   those harmonized values; spot checks against public Canadian sources agree: Table 2 75 °C
 *   3/0 AWG Cu = 200 A (Dakota Prep CEC 2024 guide), Table 4 75 °C 1 AWG Al = 100 A and Table 2
 *   75 °C 3/0 Cu for 180 A (Technical Safety BC IB-EL 2016-07).
 * - No change to these rows was found between CEC 2015 (edition 2018) and CEC 2021 (edition 2026),
 *   so both editions share them. If a difference is confirmed later, split the edition entry.
 * - 14 AWG to 10 AWG copper and 12 AWG to 10 AWG aluminum rows are further limited by the
 *   overcurrent caps of Rule 14-104 2) (see overcurrent.ts), as the tables' own notes say.
 * - Aluminum rows start at 12 AWG (Tables 3 and 4 list no 14 AWG aluminum).
 */
export const AmpacityTableId = z.enum(['1', '2', '3', '4']);
export type AmpacityTableId = z.infer<typeof AmpacityTableId>;

export const InsulationRating = z.literal([60, 75, 90]);
export type InsulationRating = z.infer<typeof InsulationRating>;

export const Installation = z.enum(['raceway-or-cable', 'free-air']);
export type Installation = z.infer<typeof Installation>;

type Row = readonly [c60: number, c75: number, c90: number];
type Table = Partial<Record<ConductorSize, Row>>;

// CEC Table 1 — single copper conductors in free air, 30 °C (= NEC 310.15(B)(17) Cu).
const table1: Table = {
  '14 AWG': [25, 30, 35],
  '12 AWG': [30, 35, 40],
  '10 AWG': [40, 50, 55],
  '8 AWG': [60, 70, 80],
  '6 AWG': [80, 95, 105],
  '4 AWG': [105, 125, 140],
  '3 AWG': [120, 145, 165],
  '2 AWG': [140, 170, 190],
  '1 AWG': [165, 195, 220],
  '1/0 AWG': [195, 230, 260],
  '2/0 AWG': [225, 265, 300],
  '3/0 AWG': [260, 310, 350],
  '4/0 AWG': [300, 360, 405],
  '250 kcmil': [340, 405, 455],
  '300 kcmil': [375, 445, 500],
  '350 kcmil': [420, 505, 570],
  '400 kcmil': [455, 545, 615],
  '500 kcmil': [515, 620, 700],
};

// CEC Table 2 — not more than 3 copper conductors in raceway or cable, 30 °C (= NEC 310.15(B)(16) Cu).
const table2: Table = {
  '14 AWG': [15, 20, 25],
  '12 AWG': [20, 25, 30],
  '10 AWG': [30, 35, 40],
  '8 AWG': [40, 50, 55],
  '6 AWG': [55, 65, 75],
  '4 AWG': [70, 85, 95],
  '3 AWG': [85, 100, 115],
  '2 AWG': [95, 115, 130],
  '1 AWG': [110, 130, 145],
  '1/0 AWG': [125, 150, 170],
  '2/0 AWG': [145, 175, 195],
  '3/0 AWG': [165, 200, 225],
  '4/0 AWG': [195, 230, 260],
  '250 kcmil': [215, 255, 290],
  '300 kcmil': [240, 285, 320],
  '350 kcmil': [260, 310, 350],
  '400 kcmil': [280, 335, 380],
  '500 kcmil': [320, 380, 430],
};

// CEC Table 3 — single aluminum conductors in free air, 30 °C (= NEC 310.15(B)(17) Al).
const table3: Table = {
  '12 AWG': [25, 30, 35],
  '10 AWG': [35, 40, 45],
  '8 AWG': [45, 55, 60],
  '6 AWG': [60, 75, 85],
  '4 AWG': [80, 100, 115],
  '3 AWG': [95, 115, 130],
  '2 AWG': [110, 135, 150],
  '1 AWG': [130, 155, 175],
  '1/0 AWG': [150, 180, 205],
  '2/0 AWG': [175, 210, 235],
  '3/0 AWG': [200, 240, 270],
  '4/0 AWG': [235, 280, 315],
  '250 kcmil': [265, 315, 355],
  '300 kcmil': [290, 350, 395],
  '350 kcmil': [330, 395, 445],
  '400 kcmil': [355, 425, 480],
  '500 kcmil': [405, 485, 545],
};

// CEC Table 4 — not more than 3 aluminum conductors in raceway or cable, 30 °C (= NEC 310.15(B)(16) Al).
const table4: Table = {
  '12 AWG': [15, 20, 25],
  '10 AWG': [25, 30, 35],
  '8 AWG': [35, 40, 45],
  '6 AWG': [40, 50, 55],
  '4 AWG': [55, 65, 75],
  '3 AWG': [65, 75, 85],
  '2 AWG': [75, 90, 100],
  '1 AWG': [85, 100, 115],
  '1/0 AWG': [100, 120, 135],
  '2/0 AWG': [115, 135, 150],
  '3/0 AWG': [130, 155, 175],
  '4/0 AWG': [150, 180, 205],
  '250 kcmil': [170, 205, 230],
  '300 kcmil': [195, 230, 260],
  '350 kcmil': [210, 250, 280],
  '400 kcmil': [225, 270, 305],
  '500 kcmil': [260, 310, 350],
};

const ampacityTables: ByEdition<Record<AmpacityTableId, Table>> = sameInBothEditions({
  '1': table1,
  '2': table2,
  '3': table3,
  '4': table4,
});

/** Which of Tables 1–4 applies (Rule 4-004 1) and 2)). */
export function ampacityTableFor(material: ConductorMaterial, installation: Installation): AmpacityTableId {
  if (material === 'copper') return installation === 'free-air' ? '1' : '2';
  return installation === 'free-air' ? '3' : '4';
}

const columnIndex: Record<InsulationRating, 0 | 1 | 2> = { 60: 0, 75: 1, 90: 2 };

/** The tabulated ampacity, or undefined when the table has no row for that size. */
export function tabulatedAmpacity(
  edition: Edition,
  table: AmpacityTableId,
  size: ConductorSize,
  column: InsulationRating,
): number | undefined {
  const row = ampacityTables[edition][table][size];
  return row?.[columnIndex[column]];
}
