import type { ToolName } from '@saeq/agents';
import { CalculationError, type CalculationKind, calculations } from '@saeq/electrical-code';
import { type AgentTool, defineTool, ToolFailure } from './tool.ts';

const descriptions: Record<CalculationKind, string> = {
  'dwelling-load':
    "Charge calculée d'un logement individuel selon l'article 8-200 (superficie selon 8-110) : charge de base, chauffage, climatisation, cuisinière, chauffe-eau, bornes de recharge, piscine ou spa, autres charges. Renvoie calculatedLoadW, minimumLoadW, demandLoadW, currentA, serviceRatingA, les étapes (ruleRef, libellé, valeur), les références et les hypothèses. Puissances en watts, superficies en m².",
  'apartment-load':
    "Charge calculée d'un immeuble à logements selon l'article 8-202 : une entrée par logement (mêmes champs que calc_dwelling_load), facteurs de demande entre logements. Renvoie la charge par logement et pour l'immeuble, avec les étapes et les références.",
  'conductor-size':
    'Calibre minimal de conducteur selon le courant, le matériau (copper ou aluminum), la température nominale de l’isolant (60, 75 ou 90 °C) et des bornes, la température ambiante, le nombre de conducteurs porteurs de courant et le mode d’installation (tableaux 1 à 4, facteurs de correction, article 14-104). Renvoie size, ampacityA, le tableau utilisé et les étapes.',
  'voltage-drop':
    "Chute de tension d'un circuit (article 8-102) selon le matériau, le calibre, la longueur simple (aller seulement) en mètres, le courant, la tension et le nombre de phases (1 ou 3). Renvoie dropV, dropPercent, limitPercent, withinLimit et les étapes.",
  'box-fill':
    'Remplissage d’une boîte de sortie (article 12-3034) : volume de la boîte en mL, conducteurs par calibre et nombre, dispositifs, paires de connecteurs, tiges de luminaire. Renvoie requiredML, availableML, withinLimit et les étapes.',
};

/** `dwelling-load` → `calc_dwelling_load` (the agents' ToolName). */
export function calculationToolName(kind: CalculationKind): ToolName {
  return `calc_${kind.replaceAll('-', '_')}` as ToolName;
}

function calculationTool<K extends CalculationKind>(kind: K): AgentTool {
  const calculation = calculations[kind];
  return defineTool({
    name: calculationToolName(kind),
    description: descriptions[kind],
    input: calculation.input,
    // The edition of the run's plan (or the default) when the model names none; the recorded
    // input carries it, so posting that input to /v1/calculations/{kind} gives the same output.
    defaults: (ctx) => ({ edition: ctx.edition }),
    async run(input, ctx) {
      try {
        // Same function, same options as POST /v1/calculations/{kind}.
        return calculation.run(input as never, { lang: ctx.lang });
      } catch (err) {
        if (err instanceof CalculationError) throw new ToolFailure('calculation_error', err.messages);
        throw err;
      }
    },
  });
}

export const calculationTools: AgentTool[] = [
  calculationTool('dwelling-load'),
  calculationTool('apartment-load'),
  calculationTool('conductor-size'),
  calculationTool('voltage-drop'),
  calculationTool('box-fill'),
];
