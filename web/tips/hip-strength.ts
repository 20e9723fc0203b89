import { GROUND, type Exercise } from "./exercise.ts";

// Strength for the muscles that hold the pelvis level (gluteus medius and maximus): science.md §6 doses.

export const HIP_STRENGTH: Exercise[] = [
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
];
