"""Measuring accuracy: readers for gold annotations (PolNeAR brat, claimgraph's gold JSON) and scorers."""
