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
