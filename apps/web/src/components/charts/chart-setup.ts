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
