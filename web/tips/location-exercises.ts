import { GROUND, type Exercise, type Stroke } from "./exercise.ts";

// The two exercises science.md's advice table names for pain away from the side and front of the hip:
// the Copenhagen adductor progression (inner thigh) and the isometric-then-loaded hamstring bridge (buttock).

/** A low bench or step, top at `top`, from x0 to x1. */
function bench(x0: number, x1: number, top: number): Stroke[] {
  return [
    {
      kind: "line",
      points: [
        [x0, 64],
        [x0, top],
        [x1, top],
        [x1, 64],
      ],
    },
  ];
}

export const LOCATION_EXERCISES: Exercise[] = [
  {
    id: "copenhagen-adductor",
    name: "Copenhagen adductor progression",
    aliases: ["copenhagen adductor", "copenhagen"],
    purpose:
      "Strengthens the adductors on the inside of the thigh; in the Harøy 2019 trial it cut groin problems by about 40%.",
    steps: [
      "Lie on your side, propped on the forearm, elbow under the shoulder, beside a bench or sturdy chair.",
      "Short lever: rest the top knee on the bench; the bottom leg hangs free.",
      "Press the top knee down into the bench to lift the hips until the body is straight; lift the bottom leg to meet the bench if you can.",
      "Lower over 3 seconds. Do the same on the other side.",
    ],
    dose: "Start with 2 sets of 3–5 slow lifts per side (or 2 holds of 10–15 s), 2–3 times a week",
    progression:
      "Add a lift or two each week up to 3 sets of 10–12. When that is easy and pain-free: long lever, with the ankle on the bench instead of the knee, back at 2 sets of 3–5.",
    caution:
      "Pain in the inner thigh should stay at 2–3/10 or less during it and be settled by the next morning; if not, go back a step.",
    drawing: [
      GROUND,
      ...bench(88, 114, 42),
      { kind: "circle", cx: 12, cy: 42, r: 5 },
      {
        kind: "line",
        points: [
          [12, 64],
          [26, 64],
          [22, 48],
          [56, 46],
          [88, 41],
          [108, 41],
        ],
      },
      {
        kind: "line",
        points: [
          [56, 47],
          [72, 57],
          [84, 62],
        ],
      },
      { kind: "arrow", from: [52, 60], to: [52, 50] },
    ],
  },
  {
    id: "hamstring-bridge",
    name: "Hamstring bridge: isometric, then loaded",
    aliases: ["hamstring bridge", "hamstring holds", "loaded bridges"],
    purpose:
      "Loads the hamstring tendon at the sitting bone without squeezing it: holds first (they ease tendon pain), then slow bridges, then weight.",
    steps: [
      "Lie on your back, heels on a low step or the floor, knees only slightly bent (the further the heels, the more the hamstrings work).",
      "Hold: press the heels down and back as if to drag them toward you, lifting the hips a little, and hold.",
      "Later, bridge: lift the hips until shoulders, hips and knees line up, then lower over 3 seconds.",
      "Keep the hips level; stop short of any sharp pain at the sitting bone.",
    ],
    dose: "Stage 1: 5 holds of 30–45 s, once or twice a day. Stage 2: 3 sets of 8–12 slow bridges, 3 times a week",
    progression:
      "Move to stage 2 once holds cause no more than 3/10 and the next morning is settled. Then single-leg bridges, then a weight on the hips, then heels further away (a straighter knee).",
    caution:
      "Avoid deep hamstring stretches and long sitting on hard seats meanwhile: both compress the tendon.",
    drawing: [
      GROUND,
      ...bench(94, 112, 54),
      { kind: "circle", cx: 12, cy: 58, r: 5 },
      {
        kind: "line",
        points: [
          [18, 61],
          [52, 48],
          [78, 44],
          [100, 54],
        ],
      },
      { kind: "arrow", from: [52, 62], to: [52, 52] },
      { kind: "arrow", from: [92, 46], to: [86, 50] },
    ],
  },
];
