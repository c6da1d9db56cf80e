def test_unknown_api_path_answers_in_the_error_format(client, db):
    response = client.get("/api/v1/no-such-thing")
    assert response.status_code == 404
    assert response.json()["error"]["code"] == "not_found"


def test_null_bytes_in_a_query_string_are_refused(client, db):
    assert client.get("/freelancers?q=a%00b").status_code == 400


def test_null_bytes_in_an_api_query_answer_in_the_error_format(client, db):
    response = client.get("/api/v1/freelancers?q=a%00b")
    assert response.status_code == 400
    assert response.json()["error"]["code"] == "invalid"


def test_actions_without_options_need_no_body(client, clara, bearer):
    from openhour.jobs.services.projects import project_post

    project = project_post(
        client=clara, title="Logo", description="A logo.", category="design", budget_min=10_000, budget_max=20_000
    )
    # What `curl -X POST` sends: no body, no content type.
    response = client.generic("POST", f"/api/v1/projects/{project.pk}/close", b"", headers=bearer(clara))
    assert response.status_code == 200
    assert response.json()["status"] == "closed"


def test_ids_beyond_any_database_key_are_not_found(client, clara, bearer):
    huge = "99999999999999999999"
    assert client.get(f"/api/v1/projects/{huge}").status_code == 404
    assert client.get(f"/projects/{huge}").status_code == 404
    assert client.delete(f"/api/v1/me/portfolio/{huge}", headers=bearer(clara)).status_code == 404
    assert client.delete(f"/api/v1/auth/tokens/{huge}", headers=bearer(clara)).status_code == 404
    assert client.delete("/api/v1/auth/tokens/not-a-number", headers=bearer(clara)).json()["error"]["message"] == (
        "No such token."
    )
