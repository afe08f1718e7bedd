"""The JSON Schema of the goal file, generated from the pydantic models (`cxsmart schema`).

Editors use it to complete and check goal files as they are typed, e.g. VS Code's YAML
extension with `# yaml-language-server: $schema=goal-file.schema.json` on the first line.
"""

from __future__ import annotations

import json
from typing import Literal, Union

from pydantic import BaseModel, ConfigDict, Field, TypeAdapter

from cxsmart.model.goalfile import Goal, MetricDef, Objective, Owner


class GoalFile(BaseModel):
    """A cxsmart goal file (format version 1)."""

    model_config = ConfigDict(extra="forbid", title="cxsmart goal file",
                              json_schema_extra={"patternProperties": {"^x-": {}}})

    version: Literal[1] | None = Field(None, description="The format version; 1 is the only one.")
    objectives: list[Objective] | None = Field(None, description="Business objectives that CX goals trace to.")
    owners: list[Owner] | None = Field(None, description="Teams, people or roles that can own goals.")
    metrics: list[MetricDef] | None = Field(None, description="Metrics added to, or overriding, the catalogue.")
    goals: list[Goal] | None = Field(None, description="The CX goals.")


def goal_file_schema() -> dict:
    schema = TypeAdapter(Union[GoalFile, list[Goal]]).json_schema()
    schema = {"$schema": "https://json-schema.org/draft/2020-12/schema", "title": "cxsmart goal file",
              "description": "Goals, objectives, owners and metrics for cxsmart, or a bare list of goals.", **schema}
    return schema


def render() -> str:
    return json.dumps(goal_file_schema(), indent=2, ensure_ascii=False) + "\n"
