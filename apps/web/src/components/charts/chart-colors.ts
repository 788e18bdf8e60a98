// A plain module (not "use client"): server components pass these colours to the chart components.
export const COLORS = {
  block: "#b3261e",
  review: "#d18a00",
  allow: "#1d7a46",
  accent: "#2457c5",
  accentSoft: "rgba(36, 87, 197, 0.15)",
  grey: "#8a94a3",
  series: ["#2457c5", "#b3261e", "#d18a00", "#1d7a46", "#7b3fb5", "#0f8a8a"],
} as const;
