import { GROUND, type Exercise } from "./exercise.ts";

// Stretches and soft-tissue work for a hip that is stiff at the front or the side: science.md §6 doses.

export const HIP_MOBILITY: Exercise[] = [
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
];
