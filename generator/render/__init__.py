"""Renderers: each draws a laid-out scene with one library (PDF, PPTX, PNG)."""
