import { LOCATION_EXERCISES } from "./location-exercises.ts";

// The exercises behind the tips: what to do, how much, and how to progress. Content only; drawing.ts draws the
// figures, tips pages lay them out. Doses follow the usual physiotherapy starting points (science.md §6).

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

const GROUND: Stroke = {
  kind: "line",
  points: [
    [4, 64],
    [116, 64],
  ],
};

const GENERAL_EXERCISES: Exercise[] = [
  {
    id: "side-lying-abduction",
    name: "Side-lying hip abduction",
    aliases: ["side-lying hip abduction", "side-lying abduction"],
    purpose: "Strengthens the gluteus medius, which steadies the pelvis on every landing.",
    steps: [
      "Lie on your side, bottom knee bent for balance, top leg straight in line with your body.",
      "Turn the top toes slightly down and lift the leg to about 30° without rolling back.",
      "Lower slowly over 3 seconds.",
    ],
    dose: "3 sets of 10–15 per side, 3 times a week",
    progression: "Add a 1 kg ankle weight, then a resistance band above the knees.",
    caution: "Leave it out while the outside of the hip hurts: lying on it compresses the tendon.",
    drawing: [
      GROUND,
      { kind: "circle", cx: 14, cy: 55, r: 5 },
      {
        kind: "line",
        points: [
          [20, 58],
          [66, 60],
          [106, 62],
        ],
      },
      {
        kind: "line",
        points: [
          [66, 59],
          [104, 40],
        ],
      },
      { kind: "arrow", from: [96, 56], to: [98, 42] },
    ],
  },
  {
    id: "clamshells",
    name: "Clamshells",
    aliases: ["clamshell"],
    purpose: "Strengthens the deep hip rotators and gluteus medius.",
    steps: [
      "Lie on your side, hips and knees bent, heels together in line with your back.",
      "Keep the feet together and lift the top knee without letting the pelvis roll back.",
      "Pause, then lower over 3 seconds.",
    ],
    dose: "3 sets of 12–15 per side, 3 times a week",
    progression: "A resistance band just above the knees; then a stronger band.",
    caution: "Leave it out while the outside of the hip hurts (it compresses the tendon).",
    drawing: [
      GROUND,
      { kind: "circle", cx: 14, cy: 55, r: 5 },
      {
        kind: "line",
        points: [
          [20, 58],
          [62, 60],
        ],
      },
      {
        kind: "line",
        points: [
          [62, 61],
          [86, 60],
          [70, 62],
        ],
      },
      {
        kind: "line",
        points: [
          [62, 59],
          [84, 42],
          [70, 61],
        ],
      },
      { kind: "arrow", from: [92, 54], to: [90, 40] },
    ],
  },
  {
    id: "bridges",
    name: "Glute bridges",
    aliases: ["bridge"],
    purpose: "Strengthens the glutes and hamstrings that drive the hip forward.",
    steps: [
      "Lie on your back, knees bent, feet flat and hip-width apart.",
      "Squeeze your buttocks and lift the hips until shoulders, hips and knees line up.",
      "Hold 2 seconds, lower slowly.",
    ],
    dose: "3 sets of 12, 3 times a week",
    progression: "Single-leg bridges (other leg straight), then a weight on the hips.",
    drawing: [
      GROUND,
      { kind: "circle", cx: 12, cy: 58, r: 5 },
      {
        kind: "line",
        points: [
          [18, 61],
          [54, 40],
          [76, 32],
          [84, 63],
        ],
      },
      { kind: "arrow", from: [54, 58], to: [54, 44] },
    ],
  },
  {
    id: "hip-flexor-stretch",
    name: "Standing hip flexor stretch",
    aliases: ["hip flexor stretch"],
    purpose: "Eases tight hip flexors at the front of the hip.",
    steps: [
      "Stand in a long split stance, back heel lifted.",
      "Tuck the tailbone under and shift the hips forward until the front of the back hip stretches.",
      "Keep the trunk upright; do not arch the lower back.",
    ],
    dose: "Hold 30 s, 3 times per side, daily",
    progression: "Raise the arm on the stretched side and lean slightly away.",
    drawing: [
      GROUND,
      { kind: "circle", cx: 58, cy: 9, r: 5 },
      {
        kind: "line",
        points: [
          [58, 15],
          [58, 38],
        ],
      },
      {
        kind: "line",
        points: [
          [58, 38],
          [78, 48],
          [84, 64],
        ],
      },
      {
        kind: "line",
        points: [
          [58, 38],
          [38, 52],
          [26, 62],
        ],
      },
      {
        kind: "line",
        points: [
          [58, 20],
          [70, 30],
        ],
      },
    ],
  },
  {
    id: "kneeling-hip-flexor-stretch",
    name: "Kneeling hip flexor stretch",
    aliases: ["kneeling hip flexor stretch", "kneeling stretch"],
    purpose: "A deeper hip-flexor stretch for the front of the hip.",
    steps: [
      "Kneel on one knee (a cushion under it), the other foot flat in front, both knees at 90°.",
      "Tuck the tailbone under and ease the hips forward.",
      "Stop at a stretch, never pain, at the front of the kneeling hip.",
    ],
    dose: "Hold 30 s, 3 times per side, daily",
    progression: "Raise the arm on the kneeling side overhead.",
    drawing: [
      GROUND,
      { kind: "circle", cx: 56, cy: 9, r: 5 },
      {
        kind: "line",
        points: [
          [56, 15],
          [56, 40],
        ],
      },
      {
        kind: "line",
        points: [
          [56, 40],
          [80, 40],
          [80, 64],
        ],
      },
      {
        kind: "line",
        points: [
          [56, 40],
          [40, 64],
          [18, 64],
        ],
      },
      { kind: "arrow", from: [60, 46], to: [70, 46] },
    ],
  },
  {
    id: "pigeon-pose",
    name: "Pigeon pose",
    aliases: ["pigeon"],
    purpose: "Stretches the glutes and the hip's outer rotators.",
    steps: [
      "From hands and knees, bring one knee forward behind the same wrist, shin angled across.",
      "Slide the other leg straight back.",
      "Keep the hips level; walk the hands forward to deepen it.",
    ],
    dose: "Hold 30–45 s, 2–3 times per side",
    progression: "Lower the chest towards the floor over the front shin.",
    caution: "Leave it out while the outside of the hip hurts (it compresses the tendon).",
    drawing: [
      GROUND,
      { kind: "circle", cx: 72, cy: 20, r: 5 },
      {
        kind: "line",
        points: [
          [70, 26],
          [60, 50],
        ],
      },
      {
        kind: "line",
        points: [
          [60, 50],
          [80, 60],
          [92, 62],
        ],
      },
      {
        kind: "line",
        points: [
          [60, 52],
          [12, 63],
        ],
      },
      {
        kind: "line",
        points: [
          [68, 30],
          [80, 48],
          [80, 63],
        ],
      },
    ],
  },
  {
    id: "lunges",
    name: "Lunges",
    aliases: ["lunge"],
    purpose: "Builds strength through the hip's whole range, front and back.",
    steps: [
      "Step forward into a long stride and lower the back knee towards the floor.",
      "Front knee over the ankle, trunk upright.",
      "Push back up through the front heel.",
    ],
    dose: "3 sets of 8–10 per side, 2–3 times a week",
    progression: "Walking lunges, then hold a weight in each hand.",
    drawing: [
      GROUND,
      { kind: "circle", cx: 56, cy: 9, r: 5 },
      {
        kind: "line",
        points: [
          [56, 15],
          [56, 38],
        ],
      },
      {
        kind: "line",
        points: [
          [56, 38],
          [78, 40],
          [80, 64],
        ],
      },
      {
        kind: "line",
        points: [
          [56, 38],
          [42, 58],
          [22, 60],
        ],
      },
      { kind: "arrow", from: [90, 30], to: [90, 48] },
    ],
  },
  {
    id: "butterfly-stretch",
    name: "Butterfly stretch",
    aliases: ["butterfly"],
    purpose: "Stretches the inner thigh and the front of the hip.",
    steps: [
      "Sit tall, soles of the feet together, knees falling out.",
      "Hold the feet and let the knees sink; press gently with the elbows if you like.",
      "Keep the back straight: tilt from the hips, not the shoulders.",
    ],
    dose: "Hold 30 s, 3 times, daily",
    progression: "Bring the heels closer to the body.",
    drawing: [
      GROUND,
      { kind: "circle", cx: 60, cy: 12, r: 5 },
      {
        kind: "line",
        points: [
          [60, 18],
          [60, 50],
        ],
      },
      {
        kind: "line",
        points: [
          [60, 52],
          [36, 46],
          [56, 62],
          [64, 62],
          [84, 46],
          [60, 52],
        ],
      },
      {
        kind: "line",
        points: [
          [60, 26],
          [50, 44],
          [58, 60],
        ],
      },
    ],
  },
  {
    id: "foam-rolling",
    name: "Foam rolling",
    aliases: ["foam roll"],
    purpose: "Eases tight muscle at the front and side of the thigh and the glutes.",
    steps: [
      "Lie with the roller under the muscle, supporting yourself on your forearms.",
      "Roll slowly over 10–15 cm; pause on tender spots for a few breaths.",
      "Stay off the bony point on the side of the hip.",
    ],
    dose: "30–60 s per area, after runs",
    progression: "Cross the other leg on top for more pressure.",
    caution: "Not on the bony outside of the hip while it hurts.",
    drawing: [
      GROUND,
      { kind: "circle", cx: 62, cy: 58, r: 6 },
      { kind: "circle", cx: 16, cy: 34, r: 5 },
      {
        kind: "line",
        points: [
          [22, 38],
          [62, 50],
          [104, 56],
        ],
      },
      {
        kind: "line",
        points: [
          [24, 40],
          [24, 64],
        ],
      },
      { kind: "arrow", from: [50, 66], to: [76, 66] },
    ],
  },
  {
    id: "isometric-abduction",
    name: "Isometric hip abduction",
    aliases: ["isometric abduction", "isometric hip abduction"],
    purpose:
      "Loads the gluteal tendons without compressing them: the LEAP trial's first step for outer-hip pain.",
    steps: [
      "Stand side-on to a wall, the sore side next to it, a folded towel at the outside of the knee.",
      "Bend that knee so the foot is off the floor and push the knee out into the wall.",
      "Push at a strength that stays comfortable (pain no more than 2/10) and hold.",
    ],
    dose: "Hold 30–45 s, 5 times, 1–2 times a day",
    progression: "Push harder; then standing on the sore leg and pushing the other knee out.",
    drawing: [
      GROUND,
      {
        kind: "line",
        points: [
          [92, 4],
          [92, 64],
        ],
      },
      { kind: "circle", cx: 70, cy: 9, r: 5 },
      {
        kind: "line",
        points: [
          [70, 15],
          [72, 38],
        ],
      },
      {
        kind: "line",
        points: [
          [72, 38],
          [70, 64],
        ],
      },
      {
        kind: "line",
        points: [
          [72, 38],
          [88, 46],
          [84, 56],
        ],
      },
      { kind: "arrow", from: [80, 46], to: [90, 46] },
    ],
  },
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

/** Every exercise: the general ones, then those for inner-thigh and buttock pain. */
export const EXERCISES: Exercise[] = [...GENERAL_EXERCISES, ...LOCATION_EXERCISES];

/** The exercises with these ids, in that order; unknown ids are skipped. */
export function exercisesById(ids: readonly string[]): Exercise[] {
  return ids.flatMap((id) => EXERCISES.filter((e) => e.id === id));
}

/** The exercises a tip's words name, in the order of the list. */
export function exercisesIn(text: string): Exercise[] {
  const lower = text.toLowerCase();
  return EXERCISES.filter((e) => [e.name.toLowerCase(), ...e.aliases].some((a) => lower.includes(a))).filter(
    (e, _i, all) =>
      // "kneeling hip flexor stretch" names one exercise, not also the standing one.
      e.id === "hip-flexor-stretch"
        ? !all.some((o) => o.id === "kneeling-hip-flexor-stretch") ||
          lower.replace("kneeling hip flexor stretch", "").includes("hip flexor stretch")
        : true,
  );
}
