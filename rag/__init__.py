"""The read path: retrieve -> answer -> cite -> verify; the CLI and the evaluation."""
