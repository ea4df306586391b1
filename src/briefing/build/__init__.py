"""The build's stages: select, skip what is up to date, check, plan, render, remember."""
