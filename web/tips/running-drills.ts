import { GROUND, type Exercise } from "./exercise.ts";

// Drills done while running: quicker, shorter steps at the same speed (science.md §2).

export const RUNNING_DRILLS: Exercise[] = [
  {
    id: "cadence-drills",
    name: "Cadence drills",
    aliases: ["metronome", "cadence"],
    purpose: "Teaches quicker, shorter steps at the same speed.",
    steps: [
      "Set a metronome (many watches have one) 5% above your usual cadence at easy pace.",
      "Run 1 minute matching the beat, 1 minute easy; keep the speed the same, shorten the step.",
      "Land with the foot under the hips, not out in front.",
    ],
    dose: "6 × (1 min on the beat, 1 min easy) in two easy runs a week",
    progression: "Longer stretches on the beat; after 2–3 weeks, up to 10% above your usual cadence.",
    drawing: [
      GROUND,
      { kind: "circle", cx: 60, cy: 9, r: 5 },
      {
        kind: "line",
        points: [
          [60, 15],
          [62, 36],
        ],
      },
      {
        kind: "line",
        points: [
          [62, 36],
          [72, 48],
          [66, 62],
        ],
      },
      {
        kind: "line",
        points: [
          [62, 36],
          [52, 50],
          [42, 52],
        ],
      },
      {
        kind: "line",
        points: [
          [60, 20],
          [70, 28],
          [76, 22],
        ],
      },
      {
        kind: "line",
        points: [
          [96, 10],
          [96, 16],
        ],
      },
      {
        kind: "line",
        points: [
          [104, 10],
          [104, 16],
        ],
      },
      {
        kind: "line",
        points: [
          [112, 10],
          [112, 16],
        ],
      },
    ],
  },
];
