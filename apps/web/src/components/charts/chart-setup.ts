"use client";

import {
  ArcElement,
  BarElement,
  CategoryScale,
  Chart,
  Filler,
  Legend,
  LinearScale,
  LineElement,
  PointElement,
  Tooltip,
} from "chart.js";

// Chart.js is tree-shaken: only what the portal's charts draw is registered, once per page load.
Chart.register(
  ArcElement,
  BarElement,
  CategoryScale,
  Filler,
  Legend,
  LinearScale,
  LineElement,
  PointElement,
  Tooltip,
);
Chart.defaults.font.family =
  'system-ui, -apple-system, "Segoe UI", Roboto, "Noto Sans", "DejaVu Sans", sans-serif';
Chart.defaults.color = "#5b6676";
// No animation: charts appear complete at once (and screenshots show them complete).
Chart.defaults.animation = false;
Chart.defaults.maintainAspectRatio = false;

export const COLORS = {
  block: "#b3261e",
  review: "#d18a00",
  allow: "#1d7a46",
  accent: "#2457c5",
  accentSoft: "rgba(36, 87, 197, 0.15)",
  grey: "#8a94a3",
  series: ["#2457c5", "#b3261e", "#d18a00", "#1d7a46", "#7b3fb5", "#0f8a8a"],
} as const;
