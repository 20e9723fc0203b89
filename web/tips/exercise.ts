// What an exercise is: what to do, how much, how to progress, and the strokes of its drawing (drawing.ts draws them).

/** One stroke of a drawing in a 120 × 70 box: a polyline, a circle (head, roller) or an arrow for movement. */
export type Stroke =
  | { kind: "line"; points: [number, number][] }
  | { kind: "circle"; cx: number; cy: number; r: number }
  | { kind: "arrow"; from: [number, number]; to: [number, number] };

export interface Exercise {
  id: string;
  name: string;
  /** Words the tips use for it, lower case, to show the exercise under the tip that names it. */
  aliases: string[];
  purpose: string;
  steps: string[];
  /** "3 sets of 12 per side", "hold 30 s, 3 times per side". */
  dose: string;
  progression: string;
  /** When to leave it out. */
  caution?: string;
  drawing: Stroke[];
}

/** The floor line most drawings stand on. */
export const GROUND: Stroke = {
  kind: "line",
  points: [
    [4, 64],
    [116, 64],
  ],
};
